import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Account recovery (issue #10, item 6): a recovery is an invitation bound
// to one existing account, so the newcomer's certification path serves it unchanged; and the
// certificates a recovery replaced, so wraps the account signed before still verify for others.

/** `invitations.purpose` and `invitations.user_id`; `retired_certificates`. */
export function recovery(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema.alterTable('invitations').addColumn('purpose', 'text', (column) => column.notNull().defaultTo('join')).execute();
      await db.schema.alterTable('invitations').addColumn('user_id', 'text').execute();
      // A server-keyed MAC of the recovery's accept token (lib/crypto/invitation.ts): proof of the link's secret.
      await db.schema.alterTable('invitations').addColumn('token_mac', 'text').execute();
      await db.schema
        .createTable('retired_certificates')
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('certificate', 'text', (column) => column.notNull())
        .addColumn('retired_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('retired_certificates_user').on('retired_certificates').column('user_id').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('retired_certificates').execute();
      await db.schema.alterTable('invitations').dropColumn('token_mac').execute();
      await db.schema.alterTable('invitations').dropColumn('user_id').execute();
      await db.schema.alterTable('invitations').dropColumn('purpose').execute();
    },
  };
}
