import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Tables, UsersTable } from '../db/tables';

/** The only SQL for `users` and `key_wraps`. */
export function usersRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async byId(id: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byLogin(login: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    },
    async insert(row: UsersTable): Promise<void> {
      await db.insertInto('users').values(row).execute();
    },
    async pendingWithInvitation(): Promise<UsersTable[]> {
      return db.selectFrom('users').selectAll().where('status', '=', 'pending').where('invitation_id', 'is not', null).orderBy('created_at').execute();
    },
    /** Stores a certificate and activates the user in `role`, only if still pending; false otherwise. */
    async certify(id: string, certificate: string, role: string, now: number): Promise<boolean> {
      const result = await db.updateTable('users').set({ certificate, role, status: 'active', updated_at: now }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /**
     * Replaces the master key material while `expectedMac` is still the stored hash MAC (compare
     * and swap): of two changes racing from the same unlocked state, only the first lands.
     */
    async replaceMasterKey(id: string, expectedMac: string, values: Pick<UsersTable, 'kdf' | 'master_key_hash_mac' | 'sealed_private_keys' | 'updated_at'>): Promise<boolean> {
      const result = await db.updateTable('users').set(values).where('id', '=', id).where('master_key_hash_mac', '=', expectedMac).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async keyWrap(kind: string, subjectId: string, recipientId: string): Promise<Selectable<Tables['key_wraps']> | undefined> {
      return db.selectFrom('key_wraps').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).where('recipient_id', '=', recipientId).orderBy('key_version', 'desc').executeTakeFirst();
    },
    async insertKeyWrap(row: Insertable<Tables['key_wraps']>): Promise<void> {
      await db.insertInto('key_wraps').values(row).execute();
    },
  };
}
