import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Share links (issue #13 item 1, docs/sharing.md): an entry's data
// re-encrypted by its sharer under a key only the link's URL fragment yields, sealed again by the
// server; the access token is stored as its SHA-256 only. `views` is counted by a conditional
// UPDATE, so `max_views` holds under concurrent reveals.

/** `share_links`. */
export function shareLinks(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('share_links')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('item_id', 'text', (column) => column.notNull().references('items.id').onDelete('cascade'))
        .addColumn('vault_id', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('ciphertext', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('max_views', 'integer')
        .addColumn('views', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_viewed_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema.createIndex('share_links_item').on('share_links').column('item_id').execute();
      await db.schema.createIndex('share_links_creator').on('share_links').columns(['created_by', 'created_at']).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('share_links').execute();
    },
  };
}
