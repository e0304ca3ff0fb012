import type { Kysely, Transaction } from 'kysely';
import type { InvitationsTable, Tables, UsersTable } from '../db/tables';

type Db = Kysely<Tables> | Transaction<Tables>;

/** The new key material a recovery stores on the account. */
export type RecoveredKeys = Pick<UsersTable, 'login_password_hash' | 'kdf' | 'master_key_hash_mac' | 'encryption_key' | 'signing_key' | 'sealed_private_keys' | 'keys_mac'>;

/** The only SQL of account recovery: recovery invitations, the key swap, retired certificates. */
export function recoveryRepository(db: Db) {
  return {
    async insert(row: InvitationsTable): Promise<void> {
      await db.insertInto('invitations').values(row).execute();
    },
    /** Whether an invitation or recovery already has this id. */
    async idTaken(id: string): Promise<boolean> {
      return (await db.selectFrom('invitations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },
    /** A recovery invitation by id (never a join invitation). */
    async byId(id: string): Promise<InvitationsTable | undefined> {
      return db.selectFrom('invitations').selectAll().where('id', '=', id).where('purpose', '=', 'recovery').executeTakeFirst();
    },
    /** Marks an open, unexpired recovery used, naming the role it gives back on certification; false when it was used meanwhile. */
    async accept(id: string, userId: string, role: string, now: number): Promise<boolean> {
      const result = await db.updateTable('invitations').set({ accepted_by: userId, accepted_at: now, role }).where('id', '=', id).where('purpose', '=', 'recovery').where('accepted_by', 'is', null).where('expires_at', '>', now).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Open recoveries of one account are replaced by a new one: only the newest link works. */
    async expireOpenFor(userId: string, now: number): Promise<void> {
      await db.updateTable('invitations').set({ expires_at: now }).where('purpose', '=', 'recovery').where('user_id', '=', userId).where('accepted_by', 'is', null).where('expires_at', '>', now).execute();
    },
    /** The vaults whose key the user holds a wrap of (any version), with their kind. */
    async heldVaults(userId: string): Promise<{ id: string; kind: string }[]> {
      return db.selectFrom('vaults as v').select(['v.id', 'v.kind']).distinct().where(({ exists, selectFrom }) => exists(selectFrom('key_wraps as w').select('w.recipient_id').where('w.kind', '=', 'vault').whereRef('w.subject_id', '=', 'v.id').where('w.recipient_id', '=', userId))).execute();
    },
    /** Whether anyone but `userId` holds a wrap of the vault's current key. */
    async someoneElseHolds(vaultId: string, userId: string): Promise<boolean> {
      const row = await db
        .selectFrom('key_wraps as w')
        .innerJoin('vaults as v', (join) => join.onRef('v.id', '=', 'w.subject_id').onRef('v.key_version', '=', 'w.key_version'))
        .select('w.recipient_id')
        .where('w.kind', '=', 'vault')
        .where('w.subject_id', '=', vaultId)
        .where('w.recipient_id', '!=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Deletes every wrap to the user: none opens with the new keys. */
    async deleteWrapsTo(userId: string): Promise<void> {
      await db.deleteFrom('key_wraps').where('recipient_id', '=', userId).execute();
    },
    async retireCertificate(userId: string, certificate: string, now: number): Promise<void> {
      await db.insertInto('retired_certificates').values({ user_id: userId, certificate, retired_at: now }).execute();
    },
    /** The certificates recoveries replaced for these users, oldest first. */
    async retiredCertificates(userIds: readonly string[]): Promise<{ user_id: string; certificate: string }[]> {
      if (userIds.length === 0) return [];
      return db.selectFrom('retired_certificates').select(['user_id', 'certificate']).where('user_id', 'in', [...userIds]).orderBy('retired_at').execute();
    },
    /**
     * Puts the new keys on the account and makes it wait for a certificate again (role 'pending'
     * until then, so a recovered administrator administers nothing meanwhile), only while it is not
     * suspended; false otherwise.
     */
    async replaceKeys(userId: string, recoveryId: string, keys: RecoveredKeys, now: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ ...keys, role: 'pending', status: 'pending', certificate: null, invitation_id: recoveryId, updated_at: now })
        .where('id', '=', userId)
        .where('status', '!=', 'suspended')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
