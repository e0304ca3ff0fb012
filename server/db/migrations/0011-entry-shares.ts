import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Sharing one entry (issue #10 item 2, docs/access-control.md "Sharing
// one entry"): a shortcut places an entry in a folder of another vault, its entry key wrapped by
// that vault's key; an inbox share hands it to one member, its entry key wrapped to their certified
// key and signed by the sender. Both follow the entry (live): they hold only the wrap.

/** `item_shortcuts` and `inbox_shares`. */
export function entryShares(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('item_shortcuts')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('item_id', 'text', (column) => column.notNull().references('items.id').onDelete('cascade'))
        .addColumn('vault_id', 'text', (column) => column.notNull().references('vaults.id').onDelete('cascade'))
        .addColumn('folder_id', 'text')
        .addColumn('key_version', 'integer', (column) => column.notNull())
        .addColumn('wrap', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('item_shortcuts_vault').on('item_shortcuts').columns(['vault_id', 'change_seq']).execute();
      await db.schema.createIndex('item_shortcuts_item').on('item_shortcuts').column('item_id').execute();
      await db.schema
        .createTable('inbox_shares')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('item_id', 'text', (column) => column.notNull().references('items.id').onDelete('cascade'))
        .addColumn('recipient_id', 'text', (column) => column.notNull())
        .addColumn('sender_id', 'text', (column) => column.notNull())
        .addColumn('wrap', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('inbox_shares_recipient').on('inbox_shares').column('recipient_id').execute();
      await db.schema.createIndex('inbox_shares_item').on('inbox_shares').column('item_id').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('inbox_shares').execute();
      await db.schema.dropTable('item_shortcuts').execute();
    },
  };
}
