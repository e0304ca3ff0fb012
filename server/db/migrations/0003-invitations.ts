import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Invitations, and what a newcomer registered with.

/** `invitations`, and the invitation and key MAC on `users`. */
export function invitations(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .addColumn('encrypted_secret', 'text', (column) => column.notNull())
        .addColumn('accepted_by', 'text')
        .addColumn('accepted_at', 'bigint')
        .execute();
      await db.schema.alterTable('users').addColumn('invitation_id', 'text').execute();
      await db.schema.alterTable('users').addColumn('keys_mac', 'text').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.alterTable('users').dropColumn('keys_mac').execute();
      await db.schema.alterTable('users').dropColumn('invitation_id').execute();
      await db.schema.dropTable('invitations').execute();
    },
  };
}
