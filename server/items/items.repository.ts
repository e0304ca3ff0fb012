import { sql, type Kysely, type Transaction } from 'kysely';
import type { ItemRevisionsTable, ItemsTable, Tables } from '../db/tables';
import { searchable } from './item-row';
import type { AccessLevel } from '../../lib/contract/vaults';
import type { Reader } from '../db/database';
import { precompiled } from '../db/precompiled';
import { strongestOf, userGrants } from '../vaults/access';

type Db = Kysely<Tables> | Transaction<Tables>;

/** An item row as read back: the search columns and the change number stay in the database, where search and sync filter on them. */
export type StoredItem = Omit<ItemsTable, 'search_text' | 'tag_text' | 'change_seq'>;
const ITEM_COLUMNS = ['id', 'vault_id', 'folder_id', 'revision', 'name', 'login', 'urls', 'tags', 'colour', 'description', 'favourite', 'metadata_mac', 'secrets', 'created_at', 'updated_at', 'updated_by', 'deleted_at'] as const satisfies readonly (keyof StoredItem)[];

/** A row read as values in ITEM_COLUMNS order (Reader.arrays), as one object shape. */
function storedItemOf(values: unknown[]): StoredItem {
  const [id, vault_id, folder_id, revision, name, login, urls, tags, colour, description, favourite, metadata_mac, secrets, created_at, updated_at, updated_by, deleted_at] = values as [
    StoredItem['id'], StoredItem['vault_id'], StoredItem['folder_id'], StoredItem['revision'], StoredItem['name'], StoredItem['login'], StoredItem['urls'], StoredItem['tags'], StoredItem['colour'],
    StoredItem['description'], StoredItem['favourite'], StoredItem['metadata_mac'], StoredItem['secrets'], StoredItem['created_at'], StoredItem['updated_at'], StoredItem['updated_by'], StoredItem['deleted_at'],
  ];
  return { id, vault_id, folder_id, revision, name, login, urls, tags, colour, description, favourite, metadata_mac, secrets, created_at, updated_at, updated_by, deleted_at };
}

/**
 * Items of `vaultIds` changed after `afterSeq`, plus every item of `wholeVaultIds`: what a sync
 * sends, read on the Reader as arrays (a full sync reads every row the caller may see).
 */
export async function changedItems(db: Kysely<Tables>, reader: Reader, vaultIds: string[], afterSeq: number, wholeVaultIds: string[]): Promise<StoredItem[]> {
  if (vaultIds.length === 0) return [];
  const query = db
    .selectFrom('items')
    .select(ITEM_COLUMNS)
    .where('vault_id', 'in', vaultIds)
    .where((eb) => (wholeVaultIds.length ? eb.or([eb('change_seq', '>', afterSeq), eb('vault_id', 'in', wholeVaultIds)]) : eb('change_seq', '>', afterSeq)))
    .compile();
  return (await reader.arrays(query.sql, query.parameters)).map(storedItemOf);
}

/** What items/search filters on. */
export interface ItemFilter {
  vaultIds: string[];
  query?: string | undefined;
  tags: string[];
  folderId?: string | undefined;
  trash: 'exclude' | 'include' | 'only';
  limit: number;
}

// LIKE wildcards in what people type are literal characters (matched with ESCAPE '\').
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The read every item request makes, on the Reader: the item and `userId`'s effective level in its
 * vault (null without access), in one query.
 */
export function itemForUser(db: Kysely<Tables>, reader: Reader) {
  const withGrants = precompiled(db, reader, 2, (id: string, userId: string) =>
    db
      .selectFrom('items')
      .leftJoin(userGrants(db, userId).as('grants'), 'grants.vault_id', 'items.vault_id')
      .select(ITEM_COLUMNS.map((column) => `items.${column}` as const))
      .select('grants.level')
      .where('items.id', '=', id),
  );
  return async (id: string, userId: string): Promise<{ item: StoredItem; level: AccessLevel | null } | undefined> => {
    const rows = await withGrants(id, userId);
    if (rows.length === 0) return undefined;
    const { level: _level, ...item } = rows[0]!;
    return { item, level: strongestOf(rows.map((row) => row.level)) };
  };
}

/** The only SQL for `items` and `item_revisions`. */
export function itemsRepository(db: Db) {
  return {
    async byId(id: string): Promise<StoredItem | undefined> {
      return db.selectFrom('items').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
    },
    async insert(row: ItemsTable): Promise<void> {
      await db.insertInto('items').values(row).execute();
    },
    /** Replaces the item only if it is still at `expectedRevision`; false when someone saved first. */
    async replace(row: ItemsTable, expectedRevision: number): Promise<boolean> {
      const { id, created_at: _createdAt, ...changes } = row;
      const result = await db.updateTable('items').set(changes).where('id', '=', id).where('revision', '=', expectedRevision).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setDeleted(id: string, deletedAt: number | null, folderId: string | null, now: number, changeSeq: number): Promise<void> {
      await db.updateTable('items').set({ deleted_at: deletedAt, folder_id: folderId, updated_at: now, change_seq: changeSeq }).where('id', '=', id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('items').where('id', '=', id).execute();
    },

    async inFolders(folderIds: string[]): Promise<StoredItem[]> {
      if (folderIds.length === 0) return [];
      return db.selectFrom('items').select(ITEM_COLUMNS).where('folder_id', 'in', folderIds).execute();
    },
    /** Marks items of `folderIds` trashed (or restored) at once, only those whose deleted_at is `from`. */
    async setDeletedInFolders(folderIds: string[], from: number | null, to: number | null, now: number, changeSeq: number): Promise<void> {
      if (folderIds.length === 0) return;
      let query = db.updateTable('items').set({ deleted_at: to, updated_at: now, change_seq: changeSeq }).where('folder_id', 'in', folderIds);
      query = from === null ? query.where('deleted_at', 'is', null) : query.where('deleted_at', '=', from);
      await query.execute();
    },

    async search(filter: ItemFilter): Promise<StoredItem[]> {
      if (filter.vaultIds.length === 0) return [];
      let query = db.selectFrom('items').select(ITEM_COLUMNS).where('vault_id', 'in', filter.vaultIds);
      if (filter.folderId) query = query.where('folder_id', '=', filter.folderId);
      if (filter.trash === 'exclude') query = query.where('deleted_at', 'is', null);
      if (filter.trash === 'only') query = query.where('deleted_at', 'is not', null);
      // Both sides are lowercased by JavaScript (item-row.ts), so matching is exact here.
      if (filter.query) query = query.where(sql<boolean>`${sql.ref('search_text')} like ${`%${escapeLike(searchable(filter.query))}%`} escape '\\'`);
      for (const tag of filter.tags) query = query.where(sql<boolean>`${sql.ref('tag_text')} like ${`%\n${escapeLike(searchable(tag))}\n%`} escape '\\'`);
      return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
    },

    async insertRevision(row: ItemRevisionsTable): Promise<void> {
      await db.insertInto('item_revisions').values(row).execute();
    },
    async revisions(itemId: string): Promise<Omit<ItemRevisionsTable, 'record'>[]> {
      return db.selectFrom('item_revisions').select(['item_id', 'revision', 'vault_id', 'created_at', 'created_by']).where('item_id', '=', itemId).orderBy('revision', 'desc').execute();
    },
    async revision(itemId: string, revision: number): Promise<ItemRevisionsTable | undefined> {
      return db.selectFrom('item_revisions').selectAll().where('item_id', '=', itemId).where('revision', '=', revision).executeTakeFirst();
    },
  };
}
