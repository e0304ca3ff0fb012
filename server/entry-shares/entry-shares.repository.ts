import type { Kysely, Transaction } from 'kysely';
import type { InboxSharesTable, ItemShortcutsTable, Tables } from '../db/tables';
import type { StoredItem } from '../items/items.repository';

// The only SQL for `item_shortcuts` and `inbox_shares` (docs/access-control.md, "Sharing one entry").

type Db = Kysely<Tables> | Transaction<Tables>;

const ITEM_COLUMNS = ['id', 'vault_id', 'folder_id', 'revision', 'name', 'login', 'urls', 'tags', 'colour', 'description', 'favourite', 'metadata_mac', 'secrets', 'created_at', 'updated_at', 'updated_by', 'deleted_at'] as const;

/** A shortcut with the row of the entry it opens. */
export interface ShortcutWithItem {
  shortcut: ItemShortcutsTable;
  item: StoredItem;
}

/** An inbox share with its entry and its sender's login and certificate (JSON). */
export interface ReceivedRow {
  share: InboxSharesTable;
  item: StoredItem;
  senderLogin: string;
  senderCertificate: string | null;
}

function itemPart(row: Record<string, unknown>): StoredItem {
  return Object.fromEntries(ITEM_COLUMNS.map((column) => [column, row[`i_${column}`]])) as unknown as StoredItem;
}

/** Who may see a shortcut's removal: the members of the vault it was placed in. */
async function recordShortcutRemovals(db: Db, changeSeq: number, shortcuts: Pick<ItemShortcutsTable, 'id' | 'vault_id'>[]): Promise<void> {
  if (shortcuts.length === 0) return;
  await db
    .insertInto('sync_removals')
    .values(shortcuts.map((shortcut) => ({ change_seq: changeSeq, kind: 'shortcut', object_id: shortcut.id, vault_id: shortcut.vault_id, user_id: null })))
    .execute();
}

export function entrySharesRepository(db: Db) {
  return {
    async shortcut(id: string): Promise<ItemShortcutsTable | undefined> {
      return db.selectFrom('item_shortcuts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async shortcutsOf(itemId: string): Promise<ItemShortcutsTable[]> {
      return db.selectFrom('item_shortcuts').selectAll().where('item_id', '=', itemId).orderBy('created_at').execute();
    },
    async shortcutAt(itemId: string, vaultId: string, folderId: string | null): Promise<boolean> {
      const query = db.selectFrom('item_shortcuts').select('id').where('item_id', '=', itemId).where('vault_id', '=', vaultId);
      return (await (folderId === null ? query.where('folder_id', 'is', null) : query.where('folder_id', '=', folderId)).executeTakeFirst()) !== undefined;
    },
    async insertShortcut(row: ItemShortcutsTable): Promise<void> {
      await db.insertInto('item_shortcuts').values(row).execute();
    },
    /** Deletes one shortcut and tells its readers at `changeSeq`. */
    async removeShortcut(shortcut: ItemShortcutsTable, changeSeq: number): Promise<void> {
      await db.deleteFrom('item_shortcuts').where('id', '=', shortcut.id).execute();
      await recordShortcutRemovals(db, changeSeq, [shortcut]);
    },
    /**
     * Deletes the shortcuts to `itemIds`, placed in `folderIds`, or to entries of `sourceVaultId`
     * (before those are purged or deleted), and tells their readers at `changeSeq`.
     */
    async dropShortcuts(changeSeq: number, where: { itemIds?: string[]; folderIds?: string[]; sourceVaultId?: string }): Promise<void> {
      const ids = new Map<string, string>();
      const take = (rows: { id: string; vault_id: string }[]) => rows.forEach((row) => ids.set(row.id, row.vault_id));
      const select = () => db.selectFrom('item_shortcuts').select(['item_shortcuts.id', 'item_shortcuts.vault_id']);
      if (where.itemIds?.length) take(await select().where('item_id', 'in', where.itemIds).execute());
      if (where.folderIds?.length) take(await select().where('folder_id', 'in', where.folderIds).execute());
      if (where.sourceVaultId) take(await select().where('item_id', 'in', db.selectFrom('items').select('id').where('vault_id', '=', where.sourceVaultId)).execute());
      if (ids.size === 0) return;
      await db.deleteFrom('item_shortcuts').where('id', 'in', [...ids.keys()]).execute();
      await recordShortcutRemovals(db, changeSeq, [...ids].map(([id, vaultId]) => ({ id, vault_id: vaultId })));
    },
    /**
     * Shortcuts placed in `vaultIds` with their entries: every one of `wholeVaultIds`, and the
     * others whose shortcut or entry changed after `afterSeq` (an edit of the entry reaches them).
     */
    async changedShortcuts(vaultIds: string[], afterSeq: number, wholeVaultIds: string[]): Promise<ShortcutWithItem[]> {
      if (vaultIds.length === 0) return [];
      const rows = await db
        .selectFrom('item_shortcuts as s')
        .innerJoin('items as i', 'i.id', 's.item_id')
        .selectAll('s')
        .select(ITEM_COLUMNS.map((column) => `i.${column} as i_${column}` as const))
        .where('s.vault_id', 'in', vaultIds)
        .where((eb) => eb.or([eb('s.change_seq', '>', afterSeq), eb('i.change_seq', '>', afterSeq), ...(wholeVaultIds.length ? [eb('s.vault_id', 'in', wholeVaultIds)] : [])]))
        .execute();
      return rows.map((row) => {
        const { id, item_id, vault_id, folder_id, key_version, wrap, created_by, created_at, change_seq } = row;
        return { shortcut: { id, item_id, vault_id, folder_id, key_version, wrap, created_by, created_at: Number(created_at), change_seq: Number(change_seq) }, item: itemPart(row) };
      });
    },

    async inboxShare(id: string): Promise<InboxSharesTable | undefined> {
      return db.selectFrom('inbox_shares').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async inboxSharesOf(itemId: string): Promise<(InboxSharesTable & { recipient_login: string })[]> {
      return db
        .selectFrom('inbox_shares')
        .innerJoin('users', 'users.id', 'inbox_shares.recipient_id')
        .selectAll('inbox_shares')
        .select('users.login as recipient_login')
        .where('item_id', '=', itemId)
        .orderBy('inbox_shares.created_at')
        .execute();
    },
    async insertInboxShare(row: InboxSharesTable): Promise<void> {
      await db.insertInto('inbox_shares').values(row).execute();
    },
    async removeInboxShare(id: string): Promise<void> {
      await db.deleteFrom('inbox_shares').where('id', '=', id).execute();
    },
    /** What was sent to `recipientId`, newest first, of entries not in the trash. */
    async received(recipientId: string): Promise<ReceivedRow[]> {
      const rows = await db
        .selectFrom('inbox_shares as s')
        .innerJoin('items as i', 'i.id', 's.item_id')
        .innerJoin('users as u', 'u.id', 's.sender_id')
        .selectAll('s')
        .select(ITEM_COLUMNS.map((column) => `i.${column} as i_${column}` as const))
        .select(['u.login as sender_login', 'u.certificate as sender_certificate'])
        .where('s.recipient_id', '=', recipientId)
        .where('i.deleted_at', 'is', null)
        .orderBy('s.created_at', 'desc')
        .execute();
      return rows.map((row) => {
        const { id, item_id, recipient_id, sender_id, wrap, created_at } = row;
        return { share: { id, item_id, recipient_id, sender_id, wrap, created_at: Number(created_at) }, item: itemPart(row), senderLogin: row.sender_login, senderCertificate: row.sender_certificate };
      });
    },
  };
}
