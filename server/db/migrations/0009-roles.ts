import { sql, type Kysely, type Migration } from 'kysely';

// Frozen in time (see 0001). Roles of delegated administration (issue #10 item 4): `roles` holds
// the custom ones (name and a JSON list of permissions); the built-in ones (owner, administrator,
// manager, user) live in code. `users.role_id` names each account's role. `users.role` stays as it
// was: it is the certificate's role flag, which decides who holds the organisation key.

/** `roles`, and `users.role_id` with every existing account mapped from its certificate role. */
export function roles(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('roles')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull().unique())
        .addColumn('permissions', 'text', (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.alterTable('users').addColumn('role_id', 'text', (column) => column.notNull().defaultTo('user')).execute();
      // owner → Owner, administrator → Administrator; member and pending stay User.
      await db.updateTable('users').set({ role_id: sql`role` }).where('role', 'in', ['owner', 'administrator']).execute();
      await db.schema.createIndex('users_role_id').on('users').column('role_id').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropIndex('users_role_id').execute();
      await db.schema.alterTable('users').dropColumn('role_id').execute();
      await db.schema.dropTable('roles').execute();
    },
  };
}
