import { createHash } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). The audit chain (issue #11, docs/audit.md): each event carries the
// SHA-256 link over its predecessor's; signed chain heads; where each outside consumer of the log
// (syslog forwarding) has got to. Events recorded before this migration are linked here, in order,
// with this file's own copy of the version 1 canonical form, so it never changes with the app.

function canonicalV1(row: Record<string, unknown>): string {
  return JSON.stringify([1, Number(row.seq), Number(row.occurred_at), row.type, row.actor_type, row.actor_id, row.target_type, row.target_id, row.vault_id, row.ip, row.browser_mode === null ? null : Number(row.browser_mode), row.details]);
}

/** `events.hash`, `audit_heads` and `audit_cursors`. */
export function auditChain(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema.alterTable('events').addColumn('hash', 'text').execute();
      // The chain's seq is gapless from 1, so a missing number is a deleted row. PostgreSQL's
      // sequence left gaps where a transaction rolled back: close them, oldest first, so each row
      // moves down into a number already free. Nothing refers to an event's seq yet.
      let previous = Buffer.alloc(32);
      let afterSeq = 0;
      let seq = 0;
      for (;;) {
        const rows = (await db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(1000).execute()) as Record<string, unknown>[];
        if (rows.length === 0) break;
        for (const row of rows) {
          afterSeq = Number(row.seq);
          seq += 1;
          previous = createHash('sha256').update(previous).update(canonicalV1({ ...row, seq }), 'utf8').digest();
          await db.updateTable('events').set({ seq, hash: previous.toString('hex') }).where('seq', '=', row.seq).execute();
        }
      }
      await db.schema.createIndex('events_by_time').on('events').column('occurred_at').execute();
      await db.schema.createIndex('events_by_vault').on('events').columns(['vault_id', 'occurred_at']).execute();
      // One signature of the chain head at `seq` by the audit signing key, which lives outside the database.
      await db.schema
        .createTable('audit_heads')
        .addColumn('seq', 'bigint', (column) => column.primaryKey())
        .addColumn('hash', 'text', (column) => column.notNull())
        .addColumn('signed_at', 'bigint', (column) => column.notNull())
        .addColumn('key_id', 'text', (column) => column.notNull())
        .addColumn('signature', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('audit_cursors')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('seq', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('audit_cursors').execute();
      await db.schema.dropTable('audit_heads').execute();
      await db.schema.dropIndex('events_by_vault').execute();
      await db.schema.dropIndex('events_by_time').execute();
      await db.schema.alterTable('events').dropColumn('hash').execute();
    },
  };
}
