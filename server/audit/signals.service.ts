import type { Kysely } from 'kysely';
import { DAY_MS, HOUR_MS, SIGNAL_EVENT_TYPES, SIGNAL_SERIES, type SecuritySignals, type SignalBucket, type SignalsQuery, type UnusualSignal } from '../../lib/contract/security-signals';
import { requirePermission } from '../auth/permissions';
import type { Tables } from '../db/tables';
import { signalsRepository, type BucketCount } from './signals.repository';

// Activity signals (docs/audit.md, "Security dashboard"): the audit log counted per hour or day, and
// the days that stand out against their own recent past. A user's median of the days before, not an
// organisation-wide figure: someone who copies fifty passwords a day as their job is not unusual
// on a day of fifty, a colleague who usually copies two is.

/** How many days before each day make its baseline. */
export const BASELINE_DAYS = 14;
/** A day stands out above this many times its baseline… */
export const UNUSUAL_FACTOR = 3;
/** …and at or above these counts: a user with a baseline of zero is not flagged for five views. */
export const UNUSUAL_MIN_ACCESS = 20;
export const UNUSUAL_MIN_FAILED_LOGINS = 10;
/** At most this many unusual days are listed, the most recent first. */
export const MAX_UNUSUAL = 100;

const ACCESS_TYPES = [SIGNAL_EVENT_TYPES.views, SIGNAL_EVENT_TYPES.copies, SIGNAL_EVENT_TYPES.fills, SIGNAL_EVENT_TYPES.totpCopies];
const SERIES_OF_TYPE = new Map(SIGNAL_SERIES.map((series) => [SIGNAL_EVENT_TYPES[series] as string, series]));

/** The median of `values` (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The days of `daily` (baseline days first) whose count stands out against the BASELINE_DAYS before it. */
function standingOut(daily: readonly number[], minimum: number): { index: number; count: number; baseline: number }[] {
  const found = [];
  for (let index = BASELINE_DAYS; index < daily.length; index += 1) {
    const count = daily[index]!;
    if (count < minimum) continue;
    const baseline = median(daily.slice(index - BASELINE_DAYS, index));
    if (count > UNUSUAL_FACTOR * baseline) found.push({ index, count, baseline });
  }
  return found;
}

function emptyBuckets(from: number, to: number, size: number): SignalBucket[] {
  const count = Math.ceil((to - from) / size);
  return Array.from({ length: count }, (_, index) => ({ start: from + index * size, views: 0, copies: 0, fills: 0, totpCopies: 0, failedLogins: 0, tokenReuse: 0 }));
}

function filled(buckets: SignalBucket[], counts: BucketCount[]): SignalBucket[] {
  for (const { type, bucket, count } of counts) {
    const series = SERIES_OF_TYPE.get(type);
    const target = buckets[bucket];
    if (series && target) target[series] += count;
  }
  return buckets;
}

export function signalsService(deps: { db: Kysely<Tables> }) {
  const signals = signalsRepository(deps.db);

  /** The unusual days of [from, to): per user for password access, for the organisation for failed logins. */
  async function unusual(from: number, to: number): Promise<UnusualSignal[]> {
    const start = from - BASELINE_DAYS * DAY_MS;
    const days = BASELINE_DAYS + Math.ceil((to - from) / DAY_MS);
    const range = { from: start, to, size: DAY_MS };
    const [access, failed] = await Promise.all([signals.perActor(ACCESS_TYPES, range), signals.totals([SIGNAL_EVENT_TYPES.failedLogins], range)]);

    const perUser = new Map<string, number[]>();
    for (const { actorId, bucket, count } of access) {
      if (!actorId) continue;
      let daily = perUser.get(actorId);
      if (!daily) perUser.set(actorId, (daily = new Array<number>(days).fill(0)));
      daily[bucket] = (daily[bucket] ?? 0) + count;
    }
    const failedDaily = new Array<number>(days).fill(0);
    for (const { bucket, count } of failed) failedDaily[bucket] = (failedDaily[bucket] ?? 0) + count;

    const dayOf = (index: number) => start + index * DAY_MS;
    const found: Omit<UnusualSignal, 'login'>[] = [
      ...[...perUser].flatMap(([userId, daily]) => standingOut(daily, UNUSUAL_MIN_ACCESS).map(({ index, count, baseline }) => ({ kind: 'userAccess' as const, day: dayOf(index), userId, count, baseline }))),
      ...standingOut(failedDaily, UNUSUAL_MIN_FAILED_LOGINS).map(({ index, count, baseline }) => ({ kind: 'failedLogins' as const, day: dayOf(index), userId: null, count, baseline })),
    ];
    const listed = found.sort((a, b) => b.day - a.day || b.count - a.count).slice(0, MAX_UNUSUAL);
    const logins = await signals.logins([...new Set(listed.flatMap((signal) => (signal.userId ? [signal.userId] : [])))]);
    return listed.map((signal) => ({ ...signal, login: signal.userId ? (logins.get(signal.userId) ?? null) : null }));
  }

  return {
    /** The counts of [from, to) per bucket and the unusual days; 403 without viewAuditLog. */
    async signals(userId: string, query: SignalsQuery): Promise<SecuritySignals> {
      await requirePermission(deps.db, userId, 'viewAuditLog');
      const bucket = query.bucket ?? (query.to - query.from <= 2 * DAY_MS ? 'hour' : 'day');
      const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
      const counts = await signals.totals(Object.values(SIGNAL_EVENT_TYPES), { from: query.from, to: query.to, size });
      return { from: query.from, to: query.to, bucket, buckets: filled(emptyBuckets(query.from, query.to, size), counts), unusual: await unusual(query.from, query.to) };
    },
  };
}

export type SignalsService = ReturnType<typeof signalsService>;
