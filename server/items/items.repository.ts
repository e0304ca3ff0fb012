import { sql, type Kysely, type Transaction } from 'kysely';
import type { ItemRevisionsTable, ItemsTable, Tables } from '../db/tables';
import { searchable } from './item-row';
import type { Reader } from '../db/database';
import { precompiled } from '../db/precompiled';
import { accessRowsOf, ancestorLinks } from '../access/rights.repository';
import { vaultRights, type AccessRow, type VaultRights } from '../access/vault-rights';

type Db = Kysely<Tables> | Transaction<Tables>;

/** An item row as read back: the search columns and the change number stay in the database, where search and sync filter on them. */
export type StoredItem = Omit<ItemsTable, 'search_text' | 'tag_text' | 'change_seq'>;
const ITEM_COLUMNS = ['id', 'vault_id', 'folder_id', 'revision', 'name', 'login', 'urls', 'tags', 'colour', 'description', 'favourite', 'metadata_mac', 'secrets', 'created_at', 'updated_at', 'updated_by', 'deleted_at'] as const satisfies readonly (keyof StoredItem)[];

/** An item row with its change number, which with its update time says which version it is (item-texts.ts). */
export type StampedItem = StoredItem & Pick<ItemsTable, 'change_seq'>;
const STAMPED_COLUMNS = [...ITEM_COLUMNS, 'change_seq'] as const satisfies readonly (keyof StampedItem)[];

/** Which version of an item a read finds, and where it lives. */
export type ItemStamp = Pick<ItemsTable, 'id' | 'vault_id' | 'change_seq' | 'updated_at' | 'folder_id'>;
const STAMP_COLUMNS = ['id', 'vault_id', 'change_seq', 'updated_at', 'folder_id'] as const satisfies readonly (keyof ItemStamp)[];

/** A row read as values in STAMPED_COLUMNS order (Reader.arrays), as one object shape. */
function stampedItemOf(values: unknown[]): StampedItem {
  const [id, vault_id, folder_id, revision, name, login, urls, tags, colour, description, favourite, metadata_mac, secrets, created_at, updated_at, updated_by, deleted_at, change_seq] = values as [
    StampedItem['id'], StampedItem['vault_id'], StampedItem['folder_id'], StampedItem['revision'], StampedItem['name'], StampedItem['login'], StampedItem['urls'], StampedItem['tags'], StampedItem['colour'],
    StampedItem['description'], StampedItem['favourite'], StampedItem['metadata_mac'], StampedItem['secrets'], StampedItem['created_at'], StampedItem['updated_at'], StampedItem['updated_by'], StampedItem['deleted_at'], StampedItem['change_seq'],
  ];
  return { id, vault_id, folder_id, revision, name, login, urls, tags, colour, description, favourite, metadata_mac, secrets, created_at, updated_at, updated_by, deleted_at, change_seq };
}

/** Which item a sync sends and which version of it; with its row when the first query read it. */
export interface ChangedItem {
  id: string;
  vaultId: string;
  folderId: string | null;
  changeSeq: number;
  updatedAt: number;
  row?: StampedItem;
}

/**
 * Items of `vaultIds` changed after `afterSeq`, plus every item of `wholeVaultIds`: what a sync
 * sends. Without whole vaults (a delta, which names few items) their whole rows, in one round trip;
 * with them (a full sync, a vault newly shared) only their ids and versions, and the rows are read
 * (itemsByIds) just for the items whose text is not kept, a batch at a time as the answer is written.
 */
export async function changedItems(db: Kysely<Tables>, reader: Reader, vaultIds: string[], afterSeq: number, wholeVaultIds: string[]): Promise<ChangedItem[]> {
  if (vaultIds.length === 0) return [];
  const withRows = wholeVaultIds.length === 0;
  const query = db
    .selectFrom('items')
    .select(withRows ? STAMPED_COLUMNS : STAMP_COLUMNS)
    .where('vault_id', 'in', paddedList(vaultIds))
    .where((eb) => (wholeVaultIds.length ? eb.or([eb('change_seq', '>', afterSeq), eb('vault_id', 'in', paddedList(wholeVaultIds))]) : eb('change_seq', '>', afterSeq)))
    .compile();
  const rows = await reader.arrays(query.sql, query.parameters);
  // In STAMP_COLUMNS order.
  if (!withRows) return (rows as [string, string, number, number, string | null][]).map(([id, vaultId, changeSeq, updatedAt, folderId]) => ({ id, vaultId, folderId, changeSeq, updatedAt }));
  return rows.map((values) => {
    const row = stampedItemOf(values);
    return { id: row.id, vaultId: row.vault_id, folderId: row.folder_id, changeSeq: row.change_seq, updatedAt: row.updated_at, row };
  });
}

/**
 * `ids` padded with its first to a power of two long: an IN list takes a few lengths only, so the
 * Reader's prepared statements (one per SQL text) stay few.
 */
function paddedList(ids: string[]): string[] {
  const length = 2 ** Math.ceil(Math.log2(ids.length));
  return ids.length === length ? ids : [...ids, ...Array<string>(length - ids.length).fill(ids[0]!)];
}

/** The rows of up to `batch` items by id, those that still exist, read on the Reader as arrays. */
export async function itemsByIds(db: Kysely<Tables>, reader: Reader, ids: string[], batch: number): Promise<StampedItem[]> {
  if (ids.length === 0) return [];
  if (ids.length > batch) throw new Error(`itemsByIds: ${ids.length} ids, more than a batch of ${batch}`);
  const query = db.selectFrom('items').select(STAMPED_COLUMNS).where('id', 'in', paddedList(ids)).compile();
  return (await reader.arrays(query.sql, query.parameters)).map(stampedItemOf);
}

/** Where search may look: a whole vault, or in it only the root (when `root`) and `folderIds`. */
export interface SearchScope {
  vaultId: string;
  folderIds: string[] | null;
  root: boolean;
}

/** What items/search filters on. */
export interface ItemFilter {
  scopes: SearchScope[];
  query?: string | undefined;
  tags: string[];
  folderId?: string | undefined;
  trash: 'exclude' | 'include' | 'only';
  limit: number;
}

/** `columns` of one item, where it is, and `userId`'s rights there (built from their rows in its vault and its folder's ancestors), or undefined without the item. */
export type ItemRead<Row> = (id: string, userId: string) => Promise<{ row: Row; vaultId: string; folderId: string | null; rights: VaultRights } | undefined>;

/**
 * An ItemRead of `columns`, compiled once and run on the Reader: one query for the item and the
 * access rows of the caller and their groups in its vault; a second, up the folder tree, only
 * when one of those rows sits on a folder.
 */
function itemWithRights<Column extends keyof StampedItem>(db: Kysely<Tables>, reader: Reader, columns: readonly Column[]): ItemRead<Pick<StampedItem, Column>> {
  const withAccess = precompiled(db, reader, 2, (id: string, userId: string) =>
    db
      .selectFrom('items')
      .leftJoin(accessRowsOf(db, userId).as('a'), 'a.vault_id', 'items.vault_id')
      .select(columns.map((column) => `items.${column}` as `items.${keyof StampedItem}`))
      .select(['items.vault_id as item_vault_id', 'items.folder_id as item_folder_id', 'a.principal_type as a_principal_type', 'a.principal_id as a_principal_id', 'a.folder_id as a_folder_id', 'a.level as a_level'])
      .where('items.id', '=', id),
  );
  return async (id, userId) => {
    const found = await withAccess(id, userId);
    if (found.length === 0) return undefined;
    const { item_vault_id: vaultId, item_folder_id: folderId, a_principal_type: _type, a_principal_id: _principal, a_folder_id: _folder, a_level: _level, ...row } = found[0]!;
    const rows: AccessRow[] = found.filter((access) => access.a_level !== null).map((access) => ({ vault_id: vaultId, principal_type: access.a_principal_type!, principal_id: access.a_principal_id!, folder_id: access.a_folder_id!, level: access.a_level! }));
    const groupIds = [...new Set(rows.filter((access) => access.principal_type === 'group').map((access) => access.principal_id))];
    const folders = folderId !== null && rows.some((access) => access.folder_id !== '') ? await ancestorLinks(db, folderId) : [];
    return { row: row as Pick<StampedItem, Column>, vaultId, folderId, rights: vaultRights({ userId, groupIds, rows, folders }) };
  };
}

/** The read every item request makes: the whole item. */
export const itemForUser = (db: Kysely<Tables>, reader: Reader): ItemRead<StampedItem> => itemWithRights(db, reader, STAMPED_COLUMNS);

/** The item read when its served text may be kept (item-texts.ts): its version only, not the row's ciphertext. */
export const itemStampForUser = (db: Kysely<Tables>, reader: Reader): ItemRead<ItemStamp> => itemWithRights(db, reader, STAMP_COLUMNS);

// LIKE wildcards in what people type are literal characters (matched with ESCAPE '\').
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

// Rows per INSERT: about twenty values each, so a statement binds some two thousand.
const INSERT_ROWS = 100;

/** The only SQL for `items` and `item_revisions`. */
export function itemsRepository(db: Db) {
  return {
    async byId(id: string): Promise<StoredItem | undefined> {
      return db.selectFrom('items').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
    },
    async insert(row: ItemsTable): Promise<void> {
      await db.insertInto('items').values(row).execute();
    },
    /** Inserts `rows` in statements of INSERT_ROWS, well under either engine's limit on bound values. */
    async insertMany(rows: ItemsTable[]): Promise<void> {
      for (let start = 0; start < rows.length; start += INSERT_ROWS) await db.insertInto('items').values(rows.slice(start, start + INSERT_ROWS)).execute();
    },
    /** Which of `ids` name an item already. */
    async existingIds(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('items').select('id').where('id', 'in', ids).execute();
      return new Set(rows.map((row) => row.id));
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
      if (filter.scopes.length === 0) return [];
      let query = db
        .selectFrom('items')
        .select(ITEM_COLUMNS)
        .where((eb) =>
          eb.or(
            filter.scopes.map((scope) => {
              if (scope.folderIds === null) return eb('vault_id', '=', scope.vaultId);
              const places = [...(scope.folderIds.length ? [eb('folder_id', 'in', scope.folderIds)] : []), ...(scope.root ? [eb('folder_id', 'is', null)] : [])];
              return eb.and([eb('vault_id', '=', scope.vaultId), places.length ? eb.or(places) : eb.lit(false)]);
            }),
          ),
        );
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
