import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Machine accounts (issue #12, docs/access-control.md "Machine accounts"):
// a machine is a `users` row of kind 'machine' — certified keys, vault rights, groups, wraps and
// pending grants work unchanged — with no login password and no master key; it signs in with an
// access key, each holding its own copy of the machine's private keys.

/** `users.kind`, `access_keys` and `sessions.access_key_id`. */
export function machines(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema.alterTable('users').addColumn('kind', 'text', (column) => column.notNull().defaultTo('person')).execute();
      await db.schema
        .createTable('access_keys')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('machine_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('sealed_keys', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('access_keys_machine').on('access_keys').column('machine_id').execute();
      // A machine's session names the access key it began with, so revoking the key ends it.
      await db.schema.alterTable('sessions').addColumn('access_key_id', 'text').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.alterTable('sessions').dropColumn('access_key_id').execute();
      await db.schema.dropTable('access_keys').execute();
      await db.schema.alterTable('users').dropColumn('kind').execute();
    },
  };
}
