import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). The TOTP second factor and recovery codes.

/** TOTP secrets on `users` (sealed), the last accepted step, and `recovery_codes`. */
export function mfa(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
      await db.schema
        .createTable('recovery_codes')
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_mac', 'text', (column) => column.notNull())
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_mac'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('recovery_codes').execute();
      for (const column of ['totp_last_step', 'totp_pending_secret', 'totp_secret']) await db.schema.alterTable('users').dropColumn(column).execute();
    },
  };
}
