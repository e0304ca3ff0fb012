import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Vaults, who may open them, folders, items, kept revisions, and what
// sync needs: one change counter, a change sequence number on every row sync serves, and a record
// of what was removed.
//
// `vault_access` is keyed by principal (a user now, a group later) and folder ('' for the whole
// vault), so group membership and folder-level rights are new rows, not a new schema.

/** The vault tables and the change sequence. */
export function vaults(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('change_counter')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('value', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('vaults')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('key_version', 'integer', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('vault_access')
        .addColumn('vault_id', 'text', (column) => column.notNull().references('vaults.id').onDelete('cascade'))
        .addColumn('principal_type', 'text', (column) => column.notNull())
        .addColumn('principal_id', 'text', (column) => column.notNull())
        .addColumn('folder_id', 'text', (column) => column.notNull())
        .addColumn('level', 'text', (column) => column.notNull())
        .addColumn('granted_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('vault_access_pk', ['vault_id', 'principal_type', 'principal_id', 'folder_id'])
        .execute();
      await db.schema.createIndex('vault_access_principal').on('vault_access').columns(['principal_type', 'principal_id']).execute();

      await db.schema.alterTable('key_wraps').addColumn('change_seq', 'bigint', (column) => column.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('key_wraps_recipient').on('key_wraps').columns(['recipient_id', 'change_seq']).execute();

      await db.schema
        .createTable('folders')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('vault_id', 'text', (column) => column.notNull().references('vaults.id').onDelete('cascade'))
        .addColumn('parent_id', 'text')
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addColumn('deleted_at', 'bigint')
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('folders_vault_change').on('folders').columns(['vault_id', 'change_seq']).execute();

      await db.schema
        .createTable('items')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('vault_id', 'text', (column) => column.notNull().references('vaults.id').onDelete('cascade'))
        .addColumn('folder_id', 'text')
        .addColumn('revision', 'integer', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('login', 'text', (column) => column.notNull())
        .addColumn('urls', 'text', (column) => column.notNull())
        .addColumn('tags', 'text', (column) => column.notNull())
        .addColumn('colour', 'text')
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('favourite', 'integer', (column) => column.notNull())
        .addColumn('metadata_mac', 'text', (column) => column.notNull())
        .addColumn('search_text', 'text', (column) => column.notNull())
        .addColumn('tag_text', 'text', (column) => column.notNull())
        .addColumn('secrets', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_by', 'text', (column) => column.notNull())
        .addColumn('deleted_at', 'bigint')
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('items_vault_change').on('items').columns(['vault_id', 'change_seq']).execute();
      await db.schema.createIndex('items_vault_folder').on('items').columns(['vault_id', 'folder_id']).execute();

      await db.schema
        .createTable('item_revisions')
        .addColumn('item_id', 'text', (column) => column.notNull().references('items.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (column) => column.notNull())
        .addColumn('vault_id', 'text', (column) => column.notNull())
        .addColumn('record', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('item_revisions_pk', ['item_id', 'revision'])
        .execute();

      await db.schema
        .createTable('sync_removals')
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('object_id', 'text', (column) => column.notNull())
        .addColumn('vault_id', 'text')
        .addColumn('user_id', 'text')
        .execute();
      await db.schema.createIndex('sync_removals_seq').on('sync_removals').column('change_seq').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      for (const table of ['sync_removals', 'item_revisions', 'items', 'folders', 'vault_access', 'vaults', 'change_counter']) await db.schema.dropTable(table).execute();
      await db.schema.dropIndex('key_wraps_recipient').execute();
      await db.schema.alterTable('key_wraps').dropColumn('change_seq').execute();
    },
  };
}
