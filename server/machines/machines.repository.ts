import type { Kysely, Transaction } from 'kysely';
import type { AccessKeysTable, Tables, UsersTable } from '../db/tables';

/** The only SQL for `access_keys` and for `users` rows of kind 'machine'. */
export function machinesRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async machines(): Promise<Pick<UsersTable, 'id' | 'login' | 'status' | 'created_at'>[]> {
      return db.selectFrom('users').select(['id', 'login', 'status', 'created_at']).where('kind', '=', 'machine').orderBy('login').execute();
    },
    async machine(id: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).where('kind', '=', 'machine').executeTakeFirst();
    },
    async accessKeys(machineIds: string[]): Promise<AccessKeysTable[]> {
      if (machineIds.length === 0) return [];
      return db.selectFrom('access_keys').selectAll().where('machine_id', 'in', machineIds).orderBy('created_at').execute();
    },
    async accessKey(id: string): Promise<AccessKeysTable | undefined> {
      return db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertAccessKey(row: AccessKeysTable): Promise<void> {
      await db.insertInto('access_keys').values(row).execute();
    },
    /** Marks the key revoked and forgets its copy of the private keys; false when it was already revoked. */
    async revokeAccessKey(id: string, now: number): Promise<boolean> {
      const result = await db.updateTable('access_keys').set({ revoked_at: now, sealed_keys: null }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Whether the key may still be used: not revoked, not expired at `now`. */
    async accessKeyUsable(id: string, now: number): Promise<boolean> {
      const key = await db.selectFrom('access_keys').select(['revoked_at', 'expires_at']).where('id', '=', id).executeTakeFirst();
      return !!key && key.revoked_at === null && (key.expires_at === null || Number(key.expires_at) > now);
    },
    async touchAccessKey(id: string, now: number): Promise<void> {
      await db.updateTable('access_keys').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    /** Ends the sessions an access key began; how many ended. */
    async revokeSessionsOf(accessKeyId: string, now: number): Promise<number> {
      const result = await db.updateTable('sessions').set({ revoked_at: now }).where('access_key_id', '=', accessKeyId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type MachinesRepository = ReturnType<typeof machinesRepository>;
