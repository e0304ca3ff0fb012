import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/tables';

/** How many events of one type fell in one bucket (and, when asked per actor, by whom). */
export interface BucketCount {
  type: string;
  bucket: number;
  actorId: string | null;
  count: number;
}

/**
 * The only SQL of the activity signals: counts grouped by type and bucket, where bucket n covers
 * [from + n·size, from + (n+1)·size). One statement that both engines run as it is: the bucket is
 * an integer division of non-negative integers (truncation is the floor), and the `type IN (…)`
 * with a range on `occurred_at` is what the events_by_type (type, occurred_at) index serves.
 */
export function signalsRepository(db: Kysely<Tables>) {
  async function counts(types: readonly string[], range: { from: number; to: number; size: number }, perActor: boolean): Promise<BucketCount[]> {
    if (types.length === 0) return [];
    if (![range.from, range.size].every(Number.isSafeInteger)) throw new RangeError('bucket bounds must be integers');
    // Literals, not parameters: the grouped expression must read the same in SELECT and GROUP BY,
    // which two sets of placeholders do not (PostgreSQL refuses, SQLite groups by the wrong thing).
    const bucket = sql<number | string>`(${sql.ref('occurred_at')} - ${sql.lit(range.from)}) / ${sql.lit(range.size)}`;
    let query = db
      .selectFrom('events')
      .select((eb) => ['type', bucket.as('bucket'), eb.fn.countAll<number | string>().as('count')])
      .where('type', 'in', [...types])
      .where('occurred_at', '>=', range.from)
      .where('occurred_at', '<', range.to)
      .groupBy(['type', bucket]);
    if (perActor) query = query.select('actor_id').groupBy('actor_id');
    const rows = (await query.execute()) as { type: string; bucket: number | string; count: number | string; actor_id?: string | null }[];
    // PostgreSQL returns bigint arithmetic and count(*) as strings.
    return rows.map((row) => ({ type: row.type, bucket: Number(row.bucket), actorId: row.actor_id ?? null, count: Number(row.count) }));
  }

  return {
    /** Counts per type and bucket over [from, to). */
    totals: (types: readonly string[], range: { from: number; to: number; size: number }) => counts(types, range, false),
    /** Counts per type, bucket and actor over [from, to). */
    perActor: (types: readonly string[], range: { from: number; to: number; size: number }) => counts(types, range, true),
    /** The logins of these users (for naming who stands out). */
    async logins(userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'login']).where('id', 'in', [...userIds]).execute();
      return new Map(rows.map((row) => [row.id, row.login]));
    },
  };
}

export type SignalsRepository = ReturnType<typeof signalsRepository>;
