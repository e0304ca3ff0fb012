import type { z } from '@hono/zod-openapi';

/** The `security` of a route that needs `Authorization: Bearer <access token>`. */
export const bearer = [{ bearerAuth: [] }];

/** A JSON body or response described by `schema`, as route definitions spell it. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
