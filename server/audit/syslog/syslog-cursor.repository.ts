import { PostgresAdapter, type Kysely } from 'kysely';
import type { Tables } from '../../db/tables';
import type { ForwardedEvent } from './event-message';

/** The `audit_cursors` row of syslog forwarding. */
export const SYSLOG_CURSOR = 'syslog';

type EventRow = Omit<Tables['events'], 'seq'> & { seq: number | string };

/** pg returns bigint columns as strings; the messages carry numbers, as the chain hashes them. */
function forwarded(row: EventRow): ForwardedEvent {
  return {
    ...row,
    seq: Number(row.seq),
    occurred_at: Number(row.occurred_at),
    browser_mode: row.browser_mode === null ? null : Number(row.browser_mode),
    hash: row.hash ?? '',
  };
}

/**
 * Where syslog forwarding has got to in `events`, and the batches after it; the only SQL for it.
 * The cursor moves by compare-and-swap, and only after the batch was delivered (at least once).
 */
export function syslogCursorRepository(db: Kysely<Tables>, now: () => number = Date.now) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  async function batchAfter(trx: Kysely<Tables>, seq: number, limit: number): Promise<ForwardedEvent[]> {
    const rows = await trx.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
    return rows.map(forwarded);
  }

  /** UPDATE … WHERE seq = the value read: false when someone else moved the cursor meanwhile. */
  async function advance(trx: Kysely<Tables>, from: number, to: number): Promise<boolean> {
    const result = await trx.updateTable('audit_cursors').set({ seq: to, updated_at: now() }).where('name', '=', SYSLOG_CURSOR).where('seq', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    /** Creates the cursor at 0 (so the whole log is forwarded) unless it exists. */
    async ensure(): Promise<void> {
      await db.insertInto('audit_cursors').values({ name: SYSLOG_CURSOR, seq: 0, updated_at: now() }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
    },

    /**
     * Hands `deliver` the next events after the cursor, at most `limit`, and moves the cursor past
     * them once it resolves. Resolves with how many were delivered: 0 when there were none, or when
     * another instance holds the cursor. On PostgreSQL the cursor row stays locked (FOR UPDATE SKIP
     * LOCKED) while delivering, so instances sharing the database never send the same event both;
     * SQLite has one instance, and its one connection must not wait on the network.
     */
    async forwardNext(limit: number, deliver: (events: ForwardedEvent[]) => Promise<void>): Promise<number> {
      if (!postgres) {
        const cursor = await db.selectFrom('audit_cursors').select('seq').where('name', '=', SYSLOG_CURSOR).executeTakeFirstOrThrow();
        const events = await batchAfter(db, Number(cursor.seq), limit);
        if (events.length === 0) return 0;
        await deliver(events);
        return (await advance(db, Number(cursor.seq), events.at(-1)!.seq)) ? events.length : 0;
      }
      // Most rounds find nothing new: ask without a transaction and a row lock first.
      const cursor = await db.selectFrom('audit_cursors').select('seq').where('name', '=', SYSLOG_CURSOR).executeTakeFirst();
      if (cursor && (await batchAfter(db, Number(cursor.seq), 1)).length === 0) return 0;
      return db.transaction().execute(async (trx) => {
        const cursor = await trx.selectFrom('audit_cursors').select('seq').where('name', '=', SYSLOG_CURSOR).forUpdate().skipLocked().executeTakeFirst();
        if (!cursor) return 0;
        const events = await batchAfter(trx, Number(cursor.seq), limit);
        if (events.length === 0) return 0;
        await deliver(events);
        return (await advance(trx, Number(cursor.seq), events.at(-1)!.seq)) ? events.length : 0;
      });
    },
  };
}

export type SyslogCursorRepository = ReturnType<typeof syslogCursorRepository>;
