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

/** What a client reports about a whole vault: an export it wrote, an import it finished (docs/import.md). */
export const TRANSFER_EVENT_TYPES = ['vault.exported', 'import.completed'] as const;
export type TransferEventType = (typeof TRANSFER_EVENT_TYPES)[number];

const clientAt = z.number().int().min(0).max(8.64e15).optional();

/** An export of one vault: one report per vault, all sharing the export's id. */
export const vaultExportedSchema = z
  .object({
    type: z.literal('vault.exported'),
    vaultId: idSchema,
    format: z.enum(['keyhold-archive', 'csv', 'json']),
    /** Ties together the reports of one export that held several vaults. */
    exportId: idSchema,
    at: clientAt,
  })
  .openapi('VaultExportedEvent');

/** An import into one vault finished: how many entries it created and left out (the creations are item.created events of their own). */
export const importCompletedSchema = z
  .object({
    type: z.literal('import.completed'),
    vaultId: idSchema,
    format: z.string().regex(/^[a-z0-9-]{1,40}$/),
    imported: z.number().int().min(0).max(10_000_000),
    skipped: z.number().int().min(0).max(10_000_000),
    at: clientAt,
  })
  .openapi('ImportCompletedEvent');

/** A report about a vault. */
export type TransferEvent = z.infer<typeof vaultExportedSchema> | z.infer<typeof importCompletedSchema>;

/** Any report, told apart by its type (so a wrong type is named as the field at fault). */
const reportSchema = z.discriminatedUnion('type', [clientEventSchema, vaultExportedSchema, importCompletedSchema]);

/** POST /api/v1/events */
export const reportClientEventsRoute = createRoute({
  method: 'post',
  path: '/api/v1/events',
  tags: ['events'],
  security: unlocked,
  summary: 'Report what the caller did with entries’ secrets (viewed, copied, filled) and with whole vaults (exported, imported into): one audit event each, recorded all or none',
  request: { body: { ...json(z.object({ events: z.array(reportSchema).min(1).max(MAX_CLIENT_EVENTS) })), required: true } },
  responses: {
    204: { description: 'Recorded.' },
    400: errorResponse('Invalid, or a field of another type than the event names.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Wrong master key hash.'),
    404: errorResponse('An item the caller cannot read, a field it does not have, or a vault it cannot see; `field` names the report (body.events.<index>.itemId, .field or .vaultId).'),
  },
});
