import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { fieldIdSchema } from './items';
import { json, unlocked } from './route-parts';
import { idSchema } from './schemas';

// What a client did with a secret it decrypted — shown, copied, filled — happens where the server
// cannot see it (zero knowledge), so the client reports it: an event in the audit log, never the
// value. Reports come in batches; the extension queues them and never makes the user wait.

/** What a client reports; the event in the log has the same type. */
export const CLIENT_EVENT_TYPES = ['password.viewed', 'password.copied', 'password.filled', 'totp.viewed', 'totp.copied', 'totp.filled', 'field.viewed', 'field.copied'] as const;
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

/** The most reports one request carries. */
export const MAX_CLIENT_EVENTS = 100;

/** One reported action on one entry. */
export const clientEventSchema = z
  .object({
    type: z.enum(CLIENT_EVENT_TYPES),
    itemId: idSchema,
    /** The field acted on; `password.*` name a password field, `totp.*` a TOTP field. */
    field: fieldIdSchema.optional(),
    /** When it happened by the client's clock (ms since the epoch); the server keeps it in the event's details, clamped. */
    at: z.number().int().min(0).max(8.64e15).optional(),
  })
  .openapi('ClientEvent');
export type ClientEvent = z.infer<typeof clientEventSchema>;

/** POST /api/v1/events */
export const reportClientEventsRoute = createRoute({
  method: 'post',
  path: '/api/v1/events',
  tags: ['events'],
  security: unlocked,
  summary: 'Report what the caller did with entries’ secrets (viewed, copied, filled): one audit event each, recorded all or none',
  request: { body: { ...json(z.object({ events: z.array(clientEventSchema).min(1).max(MAX_CLIENT_EVENTS) })), required: true } },
  responses: {
    204: { description: 'Recorded.' },
    400: errorResponse('Invalid, or a field of another type than the event names.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Wrong master key hash.'),
    404: errorResponse('An item the caller cannot read, or a field it does not have; `field` names the report (body.events.<index>.itemId or .field).'),
  },
});
