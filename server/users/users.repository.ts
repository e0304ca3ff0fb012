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
    /** Every person's account as the admin console lists it, by login, with its newest session's start (null: none kept). */
    async listForAdministration(): Promise<(Pick<UsersTable, 'id' | 'login' | 'role' | 'role_id' | 'status' | 'certificate' | 'invitation_id' | 'created_at'> & { has_totp: boolean; last_sign_in_at: number | null })[]> {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'login', 'role', 'role_id', 'status', 'certificate', 'invitation_id', 'created_at', 'totp_secret'])
        .select((eb) => eb.selectFrom('sessions').select((inner) => inner.fn.max('sessions.created_at').as('newest')).whereRef('sessions.user_id', '=', 'users.id').as('last_sign_in_at'))
        // Machine accounts are listed under /machines.
        .where('kind', '=', 'person')
        .orderBy('login')
        .execute();
      return rows.map(({ totp_secret, last_sign_in_at, ...row }) => ({ ...row, has_totp: totp_secret !== null, last_sign_in_at: last_sign_in_at === null ? null : Number(last_sign_in_at) }));
    },
    /** Sets `status` (suspension and its end); false when there is no such user. */
    async setStatus(id: string, status: string, now: number): Promise<boolean> {
      const result = await db.updateTable('users').set({ status, updated_at: now }).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Replaces the (Argon2id) login password hash; false when there is no such user. */
    async setLoginPasswordHash(id: string, hash: string, now: number): Promise<boolean> {
      const result = await db.updateTable('users').set({ login_password_hash: hash, updated_at: now }).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async pendingWithInvitation(): Promise<UsersTable[]> {
      return db.selectFrom('users').selectAll().where('status', '=', 'pending').where('invitation_id', 'is not', null).orderBy('created_at').execute();
    },
    /** Stores a certificate and activates the user in `role` (and the matching built-in role), only if still pending; false otherwise. */
    async certify(id: string, certificate: string, role: string, now: number): Promise<boolean> {
      const roleId = role === 'administrator' ? 'administrator' : 'user';
      const result = await db.updateTable('users').set({ certificate, role, role_id: roleId, status: 'active', updated_at: now }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Member to Administrator: the new certificate, the built-in role; only while the account is an active or suspended member. */
    async promote(id: string, certificate: string, now: number): Promise<boolean> {
      const result = await db.updateTable('users').set({ certificate, role: 'administrator', role_id: 'administrator', updated_at: now }).where('id', '=', id).where('role', '=', 'member').executeTakeFirst();
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
