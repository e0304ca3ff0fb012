import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';

// Several independent API calls in one round trip: run in order, each with the caller's headers,
// each with its own status. One failing does not stop or undo the others.

export const MAX_BATCH = 25;

const subRequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** A path under /api/v1/, with its query string; not /api/v1/batch itself. */
  path: z
    .string()
    .max(2048)
    .regex(/^\/api\/v1\/[^#]*$/, 'a path under /api/v1/')
    // URLs resolve "." and ".." segments, spelt "%2e" too, and read a backslash as "/": a path
    // must name where it goes plainly, or it could climb out of /api/v1/.
    .refine((path) => !path.includes('\\') && !/(^|\/)(\.|%2e){1,2}(?=[/?]|$)/i.test(path), 'no "." or ".." segments')
    .refine((path) => !/^\/api\/v1\/batch(?:[/?]|$)/.test(path), 'a batch cannot contain a batch'),
  body: z.unknown().optional(),
});

export const batchResponseSchema = z.object({ responses: z.array(z.object({ status: z.number().int(), body: z.unknown() })) }).openapi('BatchResponse');

/** POST /api/v1/batch */
export const batchRoute = createRoute({
  method: 'post',
  path: '/api/v1/batch',
  tags: ['batch'],
  security: bearer,
  summary: `Up to ${MAX_BATCH} independent sub-requests, run in order`,
  request: { body: { ...json(z.object({ requests: z.array(subRequestSchema).min(1).max(MAX_BATCH) })), required: true } },
  responses: { 200: { description: 'One response per sub-request, in order.', ...json(batchResponseSchema) }, 400: errorResponse('Invalid.'), 401: errorResponse('Not signed in.') },
});
