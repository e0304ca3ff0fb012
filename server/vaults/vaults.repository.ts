import type { Kysely, Transaction } from 'kysely';
import type { Tables, VaultAccessTable, VaultsTable } from '../db/tables';
import type { Sealer } from '../sealing/sealer';
import type { KeyWrap } from '../../lib/crypto/wraps';

type Db = Kysely<Tables> | Transaction<Tables>;

const wrapPlace = (vaultId: string, recipientId: string, keyVersion: number) => ({ table: 'key_wraps', column: 'wrap', rowId: `vault/${vaultId}/${recipientId}/${keyVersion}` });

/** The only SQL for `vaults`, `vault_access`, vault key wraps and `sync_removals`. */
export function vaultsRepository(db: Db, sealer: Sealer) {
  return {
    async byId(id: string): Promise<VaultsTable | undefined> {
      return db.selectFrom('vaults').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byIds(ids: string[]): Promise<VaultsTable[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('vaults').selectAll().where('id', 'in', ids).orderBy('name').execute();
    },
    async insert(row: VaultsTable): Promise<void> {
      await db.insertInto('vaults').values(row).execute();
    },
    async rename(id: string, name: string, now: number, changeSeq: number): Promise<void> {
      await db.updateTable('vaults').set({ name, updated_at: now, change_seq: changeSeq }).where('id', '=', id).execute();
    },
    /** A rotation: the vault's current key is now `version`. */
    async setKeyVersion(id: string, version: number, now: number, changeSeq: number): Promise<void> {
      await db.updateTable('vaults').set({ key_version: version, updated_at: now, change_seq: changeSeq }).where('id', '=', id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('key_wraps').where('kind', '=', 'vault').where('subject_id', '=', id).execute();
      await db.deleteFrom('vaults').where('id', '=', id).execute();
    },
    /** Company vaults, for granting new administrators access. */
    async companyVaultIds(): Promise<string[]> {
      return (await db.selectFrom('vaults').select('id').where('kind', '=', 'company').execute()).map((row) => row.id);
    },

    /** Vault-wide user grants of one vault. */
    async members(vaultId: string): Promise<VaultAccessTable[]> {
      return db.selectFrom('vault_access').selectAll().where('vault_id', '=', vaultId).where('principal_type', '=', 'user').where('folder_id', '=', '').execute();
    },
    async member(vaultId: string, userId: string): Promise<VaultAccessTable | undefined> {
      return db.selectFrom('vault_access').selectAll().where('vault_id', '=', vaultId).where('principal_type', '=', 'user').where('principal_id', '=', userId).where('folder_id', '=', '').executeTakeFirst();
    },
    /** Grants or changes a vault-wide user grant. */
    async putMember(row: Omit<VaultAccessTable, 'principal_type' | 'folder_id'>): Promise<void> {
      await db
        .insertInto('vault_access')
        .values({ ...row, principal_type: 'user', folder_id: '' })
        .onConflict((conflict) => conflict.columns(['vault_id', 'principal_type', 'principal_id', 'folder_id']).doUpdateSet({ level: row.level, granted_by: row.granted_by, change_seq: row.change_seq }))
        .execute();
    },
    /** Removes every entry of the user in the vault, folders and resets included (their wraps go in settleAccess, if no group still lets them read). */
    async removeMember(vaultId: string, userId: string): Promise<void> {
      await db.deleteFrom('vault_access').where('vault_id', '=', vaultId).where('principal_type', '=', 'user').where('principal_id', '=', userId).execute();
    },

    /** Stores (or replaces) a member's wrap of one key version, sealed. */
    async putWrap(wrap: KeyWrap, now: number, changeSeq: number): Promise<void> {
      const sealed = sealer.seal(JSON.stringify(wrap), wrapPlace(wrap.subjectId, wrap.recipientId, wrap.keyVersion));
      await db
        .insertInto('key_wraps')
        .values({ kind: 'vault', subject_id: wrap.subjectId, recipient_id: wrap.recipientId, key_version: wrap.keyVersion, wrap: sealed, created_at: now, change_seq: changeSeq })
        .onConflict((conflict) => conflict.columns(['kind', 'subject_id', 'recipient_id', 'key_version']).doUpdateSet({ wrap: sealed, created_at: now, change_seq: changeSeq }))
        .execute();
    },
    /** `recipientId`'s wrap of the key of `vaultId` at `keyVersion`, opened. */
    async wrap(vaultId: string, recipientId: string, keyVersion: number): Promise<KeyWrap | undefined> {
      const row = await db.selectFrom('key_wraps').select('wrap').where('kind', '=', 'vault').where('subject_id', '=', vaultId).where('recipient_id', '=', recipientId).where('key_version', '=', keyVersion).executeTakeFirst();
      return row ? (JSON.parse(sealer.open(row.wrap, wrapPlace(vaultId, recipientId, keyVersion)).toString()) as KeyWrap) : undefined;
    },
    /** Recipients holding a wrap of the key of `vaultId` at `keyVersion`. */
    async wrapHolders(vaultId: string, keyVersion: number): Promise<Set<string>> {
      const rows = await db.selectFrom('key_wraps').select('recipient_id').where('kind', '=', 'vault').where('subject_id', '=', vaultId).where('key_version', '=', keyVersion).execute();
      return new Set(rows.map((row) => row.recipient_id));
    },
    /** `recipientId`'s vault wraps stored after `afterSeq`, opened. */
    async wrapsFor(recipientId: string, afterSeq: number): Promise<KeyWrap[]> {
      const rows = await db.selectFrom('key_wraps').selectAll().where('kind', '=', 'vault').where('recipient_id', '=', recipientId).where('change_seq', '>', afterSeq).execute();
      return rows.map((row) => JSON.parse(sealer.open(row.wrap, wrapPlace(row.subject_id, row.recipient_id, row.key_version)).toString()) as KeyWrap);
    },

    /** Records that `objectId` is gone for members of `vaultId`, or for one user. */
    async recordRemoval(removal: { changeSeq: number; kind: 'vault' | 'folder' | 'item' | 'access'; objectId: string; vaultId: string | null; userId: string | null }): Promise<void> {
      await db.insertInto('sync_removals').values({ change_seq: removal.changeSeq, kind: removal.kind, object_id: removal.objectId, vault_id: removal.vaultId, user_id: removal.userId }).execute();
    },
  };
}

export type VaultsRepository = ReturnType<typeof vaultsRepository>;
