import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables';

/** Reads and writes JSON values in `settings`; the only SQL for it. */
export function settingsRepository(db: Kysely<Tables>) {
  return {
    /** The parsed value stored under `key`, or undefined. */
    async get(key: string): Promise<unknown> {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },

    /** Stores `value` under `key`, replacing what was there. */
    async put(key: string, value: unknown, now = Date.now()): Promise<void> {
      const row = { key, value: JSON.stringify(value), updated_at: now };
      await db
        .insertInto('settings')
        .values(row)
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at }))
        .execute();
    },

    /** Removes `key`; true when it existed. */
    async delete(key: string): Promise<boolean> {
      const result = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
