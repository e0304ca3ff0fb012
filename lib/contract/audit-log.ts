import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { idSchema } from './schemas';

// The audit log's viewer and exports (issue #11 item 3, docs/audit.md "Viewer and exports"): read
// and download the chained events, for holders of the viewAuditLog permission.

/** The columns an export carries, in the chain's canonical order (docs/audit.md), then the row's hash. */
export const EXPORT_COLUMNS = ['seq', 'occurred_at', 'type', 'actor_type', 'actor_id', 'target_type', 'target_id', 'vault_id', 'ip', 'browser_mode', 'details', 'hash'] as const;

/** The CSV export's columns after them: the link to the row before, and the signed head at this row (empty on most rows). */
export const CSV_EXTRA_COLUMNS = ['prev_hash', 'head_signed_at', 'head_key_id', 'head_signature'] as const;

/** The version tag of the JSON export's format. */
export const AUDIT_EXPORT_FORMAT = 'keyhold-audit-export-v1';

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');
const seqParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const timeParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The filters the viewer and the exports share; every one optional, all of them must hold. */
export const auditFiltersSchema = z.object({
  /** A user's or machine account's id or login (a machine's login is its name): events that account caused. */
  actor: z.string().trim().min(1).max(254).optional(),
  /** An event type (`item.updated`), or a prefix ending in a dot (`item.`) for a whole family. */
  type: z
    .string()
    .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\.?$/, 'an event type, or a prefix of one ending in "."')
    .max(100)
    .optional(),
  vaultId: idSchema.optional(),
  /** Occurred at or after (ms since the epoch). */
  from: timeParam.optional(),
  /** Occurred before (ms since the epoch). */
  to: timeParam.optional(),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** One event as the viewer shows it: the stored columns, the row's hash, and names resolved where the server holds them in clear. */
export const auditEventSchema = z
  .object({
    seq: z.number().int().min(1),
    occurredAt: z.number().int(),
    type: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), login: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
    vault: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    ip: z.string().nullable(),
    browserMode: z.boolean().nullable(),
    details: z.record(z.string(), z.unknown()),
    hash: hashSchema.nullable(),
  })
  .openapi('AuditEvent');
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** GET /api/v1/audit/events (viewAuditLog) */
export const listAuditEventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/events',
  tags: ['audit'],
  security: bearer,
  summary:
    'The audit log, newest first, one page at a time (viewAuditLog). Pass the answer’s nextBefore as `before` for the next page. Actor and target logins and vault names are resolved by the server; other ids are the client’s to name',
  request: { query: auditFiltersSchema.extend({ before: seqParam.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: {
    200: { description: 'A page of events and the cursor of the next (null: no more).', ...json(z.object({ events: z.array(auditEventSchema), nextBefore: z.number().int().nullable() })) },
    400: errorResponse('A filter that is not valid.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without viewAuditLog.'),
  },
});

/** One signed head of the chain, as exports carry it (docs/audit.md, "Signed heads"). */
export const exportedHeadSchema = z.object({ seq: z.number().int(), hash: hashSchema, signedAt: z.number().int(), keyId: z.string(), signature: z.string() }).openapi('AuditSignedHead');

/** GET /api/v1/audit/export (viewAuditLog) */
export const exportAuditRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/export',
  tags: ['audit'],
  security: bearer,
  summary:
    'Download the audit log, oldest first, streamed (viewAuditLog): CSV (one header line, the chained columns, the hash, then prev_hash and the signed head at that row) or JSON (`{format, server, exportedAt, filters, complete, range, prevHash, heads, rows}`). Rows appended after the download started are not in it. Each download is itself recorded (`audit.exported`). docs/audit.md says how to verify one with the public key alone',
  request: { query: auditFiltersSchema.extend({ format: z.enum(['csv', 'json']).default('json'), fromSeq: seqParam.optional(), toSeq: seqParam.optional() }) },
  responses: {
    200: {
      description: 'The file, as an attachment.',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': {
          schema: z.object({
            format: z.literal(AUDIT_EXPORT_FORMAT),
            server: z.string(),
            exportedAt: z.number().int(),
            filters: z.record(z.string(), z.unknown()),
            /** True when no actor, type or vault filter left rows out: the rows are one unbroken stretch of the chain. */
            complete: z.boolean(),
            range: z.object({ firstSeq: z.number().int().nullable(), lastSeq: z.number().int().nullable() }),
            prevHash: hashSchema.nullable(),
            heads: z.array(exportedHeadSchema),
            rows: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    400: errorResponse('A filter that is not valid.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without viewAuditLog.'),
  },
});
