import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Groups of users, which hold vault and folder rights as principals of
// vault_access (principal_type 'group'); the rows of vault_access need no change for groups,
// folder rights, the levels forbidden and navigation, or a user's 'reset'.

/** `groups` and `group_members`. */
export function groups(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('groups')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('group_members')
        .addColumn('group_id', 'text', (column) => column.notNull().references('groups.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('added_by', 'text', (column) => column.notNull())
        .addColumn('added_at', 'bigint', (column) => column.notNull())
        // A newcomer's sync sends the group's vaults whole, as for a grant of their own.
        .addColumn('change_seq', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
        .execute();
      await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();
      await db.schema.createIndex('vault_access_vault').on('vault_access').columns(['vault_id', 'folder_id']).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropIndex('vault_access_vault').execute();
      await db.schema.dropTable('group_members').execute();
      await db.schema.dropTable('groups').execute();
    },
  };
}
