import { sql, type Kysely } from 'kysely';
import type { LoginThrottleTable, Tables } from '../db/tables';

/** The only SQL for `login_throttle`. */
export function throttleRepository(db: Kysely<Tables>) {
  return {
    async get(keys: string[]): Promise<LoginThrottleTable[]> {
      return keys.length === 0 ? [] : db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
    },
    /**
     * Counts one more failure for `key` with a single atomic upsert (concurrent failures on several
     * instances all count), then blocks the key for `blockFor(failures)` milliseconds.
     */
    async recordFailure(key: string, now: number, blockFor: (failures: number) => number): Promise<number> {
      const { failures } = await db
        .insertInto('login_throttle')
        .values({ key, failures: 1, last_failure_at: now, blocked_until: now })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ failures: sql<number>`login_throttle.failures + 1`, last_failure_at: now }))
        .returning('failures')
        .executeTakeFirstOrThrow();
      await db.updateTable('login_throttle').set({ blocked_until: now + blockFor(failures) }).where('key', '=', key).where('blocked_until', '<', now + blockFor(failures)).execute();
      return failures;
    },
    async clear(key: string): Promise<void> {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}

export type ThrottleRepository = ReturnType<typeof throttleRepository>;
