import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { idSchema } from './schemas';
import { DAY_MS, HOUR_MS } from './signal-series';

// Activity signals for the security dashboard (issue #11 item 5, docs/audit.md "Security
// dashboard"): counts of the audit log's events per hour or day, and the days that stand out. Counts
// only, never an entry's name or value: the page draws them as a chart for administrators.

export { DAY_MS, HOUR_MS, SIGNAL_EVENT_TYPES, SIGNAL_SERIES, type SignalSeries } from './signal-series';
/** Hours are for short ranges: a chart of more than this many bars says nothing more. */
export const MAX_BUCKETS = 400;
/** The longest range asked at once. */
export const MAX_SIGNAL_RANGE_MS = 366 * DAY_MS;

const millis = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

export const signalsQuerySchema = z
  .object({
    /** Start of the range (ms since the epoch, inclusive); buckets start here, so a client passes its own midnight. */
    from: millis,
    /** End of the range (exclusive). */
    to: millis,
    /** Bucket size; by default hours for a range of two days or less, else days. */
    bucket: z.enum(['hour', 'day']).optional(),
  })
  .refine((query) => query.to > query.from, { message: 'to must be after from', path: ['to'] })
  .refine((query) => query.to - query.from <= MAX_SIGNAL_RANGE_MS, { message: 'at most 366 days at once', path: ['to'] })
  .refine((query) => Math.ceil((query.to - query.from) / (query.bucket === 'hour' ? HOUR_MS : DAY_MS)) <= MAX_BUCKETS, { message: `at most ${MAX_BUCKETS} buckets: ask for days`, path: ['bucket'] });
export type SignalsQuery = z.infer<typeof signalsQuerySchema>;

const count = z.number().int().min(0);

/** One bucket: its start and how many events of each series fell in it. */
export const signalBucketSchema = z.object({ start: z.number().int(), views: count, copies: count, fills: count, totpCopies: count, failedLogins: count, tokenReuse: count }).openapi('SignalBucket');
export type SignalBucket = z.infer<typeof signalBucketSchema>;

/**
 * A day that stands out. `userAccess`: one user's password views, copies and fills that day were
 * over UNUSUAL_FACTOR times their own median of the days before (and at least UNUSUAL_MIN_COUNT).
 * `failedLogins`: the organisation's failed logins that day against their median the same way.
 */
export const unusualSignalSchema = z
  .object({
    kind: z.enum(['userAccess', 'failedLogins']),
    /** The day's start (from + n days). */
    day: z.number().int(),
    /** For userAccess: whose. */
    userId: idSchema.nullable(),
    login: z.string().nullable(),
    count,
    /** The median of the same count over the BASELINE_DAYS before that day. */
    baseline: z.number().min(0),
  })
  .openapi('UnusualSignal');
export type UnusualSignal = z.infer<typeof unusualSignalSchema>;

export const securitySignalsSchema = z
  .object({ from: z.number().int(), to: z.number().int(), bucket: z.enum(['hour', 'day']), buckets: z.array(signalBucketSchema), unusual: z.array(unusualSignalSchema) })
  .openapi('SecuritySignals');
export type SecuritySignals = z.infer<typeof securitySignalsSchema>;

/** GET /api/v1/audit/signals */
export const securitySignalsRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/signals',
  tags: ['audit'],
  security: bearer,
  summary: 'Counts of password views, copies and fills, failed logins and token reuse per hour or day, and the days that stand out',
  request: { query: signalsQuerySchema },
  responses: {
    200: { description: 'The buckets from `from`, oldest first, and the unusual days.', ...json(securitySignalsSchema) },
    400: errorResponse('Invalid range or bucket.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without viewAuditLog.'),
  },
});
