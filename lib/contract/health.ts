import { createRoute, z } from '@hono/zod-openapi';

/** `/healthz`'s body: whether the database answers, for load balancers. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    database: z.enum(['sqlite', 'postgres']),
  })
  .openapi('Health');

/** GET /healthz */
export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness and database reachability',
  responses: {
    200: { description: 'The server and its database answer.', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'The database does not answer.', content: { 'application/json': { schema: healthSchema } } },
  },
});
