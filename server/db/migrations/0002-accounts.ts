import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). The organisation, its members' accounts, and their sessions.

/** Organisation, users, sessions and the login throttle. */
export function accounts(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('organisation')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('signing_key', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text', (column) => column.notNull())
        .addColumn('sealed_private_key', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('login', 'text', (column) => column.notNull().unique())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('login_password_hash', 'text', (column) => column.notNull())
        .addColumn('kdf', 'text', (column) => column.notNull())
        .addColumn('master_key_hash_mac', 'text', (column) => column.notNull())
        .addColumn('encryption_key', 'text', (column) => column.notNull())
        .addColumn('signing_key', 'text', (column) => column.notNull())
        .addColumn('sealed_private_keys', 'text', (column) => column.notNull())
        .addColumn('certificate', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();

      // Wraps of a key (vault key, organisation KEK) to one member; the vaults issue extends their use.
      await db.schema
        .createTable('key_wraps')
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('subject_id', 'text', (column) => column.notNull())
        .addColumn('recipient_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('key_version', 'integer', (column) => column.notNull())
        .addColumn('wrap', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('key_wraps_pk', ['kind', 'subject_id', 'recipient_id', 'key_version'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('access_hash', 'text', (column) => column.notNull().unique())
        .addColumn('refresh_hash', 'text', (column) => column.notNull().unique())
        .addColumn('previous_refresh_hash', 'text')
        .addColumn('previous_valid_until', 'bigint')
        .addColumn('grace_pair', 'text')
        .addColumn('access_expires_at', 'bigint', (column) => column.notNull())
        .addColumn('refresh_expires_at', 'bigint', (column) => column.notNull())
        .addColumn('browser_mode', 'integer', (column) => column.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('ip', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('last_used_at', 'bigint', (column) => column.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_by_previous_refresh').on('sessions').column('previous_refresh_hash').execute();

      // Failed logins per account and per address, so delays hold across server instances.
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('last_failure_at', 'bigint', (column) => column.notNull())
        .addColumn('blocked_until', 'bigint', (column) => column.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      for (const table of ['login_throttle', 'sessions', 'key_wraps', 'users', 'organisation']) await db.schema.dropTable(table).execute();
    },
  };
}
