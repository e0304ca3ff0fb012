import type { z } from '@hono/zod-openapi';

/** The `security` of a route that needs `Authorization: Bearer <access token>`. */
export const bearer = [{ bearerAuth: [] }];

/**
 * The `security` of the vault data routes: a bearer token and the caller's master key hash
 * (`Passwork-MasterKeyHash`, or its alias `X-Master-Key-Hash`), checked before anything else.
 */
export const unlocked = [{ bearerAuth: [], masterKeyHash: [] }];

/** A JSON body or response described by `schema`, as route definitions spell it. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
