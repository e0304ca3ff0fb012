import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Encrypted attachments (issue #13 item 2, docs/sharing.md
// "Attachments"): a file on an entry, encrypted by the client in the segmented format under its own
// key, that key wrapped by the entry key. The blob lives in the database, one row per client
// segment (the first row also holds the 5-byte header), each sealed again by the server, so
// stateless servers behind one database all serve it and a backup holds it.

/** `attachments` and `attachment_chunks`. */
export function attachments(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('item_id', 'text', (column) => column.notNull().references('items.id').onDelete('cascade'))
        .addColumn('metadata', 'text', (column) => column.notNull())
        .addColumn('wrapped_key', 'text', (column) => column.notNull())
        .addColumn('encrypted_size', 'bigint', (column) => column.notNull())
        .addColumn('received_parts', 'integer', (column) => column.notNull())
        .addColumn('completed_at', 'bigint')
        .addColumn('added_revision', 'integer', (column) => column.notNull())
        .addColumn('removed_revision', 'integer')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('attachments_item').on('attachments').column('item_id').execute();
      await db.schema
        .createTable('attachment_chunks')
        .addColumn('attachment_id', 'text', (column) => column.notNull().references('attachments.id').onDelete('cascade'))
        .addColumn('idx', 'integer', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('attachment_chunks_pk', ['attachment_id', 'idx'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('attachment_chunks').execute();
      await db.schema.dropTable('attachments').execute();
    },
  };
}
