import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). Every refresh token ever rotated away, so any reuse — not only of the
// latest one — is recognised as theft and ends the session.

/** `spent_refresh_tokens`: hashes of rotated refresh tokens and their session. */
export function spentRefreshTokens(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('spent_refresh_tokens')
        .addColumn('hash', 'text', (column) => column.primaryKey())
        .addColumn('session_id', 'text', (column) => column.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('spent_at', 'bigint', (column) => column.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('spent_refresh_tokens').execute();
    },
  };
}
