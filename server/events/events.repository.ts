import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import { chainHash, GENESIS_HASH } from '../audit/chain';
import type { Tables } from '../db/tables';
import { signalEventsAppended } from './appended';

/**
 * The PostgreSQL advisory lock that makes appends one writer at a time across instances, so each
 * event links to the one before it. A constant: the bytes of "keyhold-audit" folded into a bigint.
 */
export const AUDIT_WRITER_LOCK = 0x6b68_6175_6474n;

/** One recorded event as the rest of the server sees it. */
export interface EventRecord {
  seq: number;
  occurredAt: number;
  type: string;
  actor: { type: 'user' | 'machine' | 'system' | 'anonymous'; id: string | null };
  target: { type: string; id: string } | null;
  vaultId: string | null;
  ip: string | null;
  browserMode: boolean | null;
  details: Record<string, unknown>;
}

/** What a caller supplies; the database assigns `seq`. */
export type NewEvent = Omit<EventRecord, 'seq'>;

type Row = Omit<Tables['events'], 'seq' | 'hash'> & { seq: number | string };
type Unchained = Omit<Tables['events'], 'seq' | 'hash'>;

function toRecord(row: Row): EventRecord {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    type: row.type,
    actor: { type: row.actor_type as EventRecord['actor']['type'], id: row.actor_id },
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    vaultId: row.vault_id,
    ip: row.ip,
    browserMode: row.browser_mode === null ? null : row.browser_mode === 1,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

function rowOf(event: NewEvent): Unchained {
  return {
    occurred_at: event.occurredAt,
    type: event.type,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    vault_id: event.vaultId,
    ip: event.ip,
    browser_mode: event.browserMode === null ? null : Number(event.browserMode),
    details: JSON.stringify(event.details),
  };
}

/**
 * Links `events` onto the end of the chain and inserts them, inside `trx`. On PostgreSQL the
 * advisory lock is held until `trx` ends, so a caller appends last in its transaction; on SQLite
 * the one connection already runs one transaction at a time.
 */
async function appendChained(trx: Transaction<Tables>, events: Unchained[], options: { postgres: boolean; relaxed: boolean }): Promise<number> {
  if (options.postgres) {
    await sql`select pg_advisory_xact_lock(${AUDIT_WRITER_LOCK})`.execute(trx);
    // Reads of a sync may be lost in a crash, never a change or a torn row: the setting holds for this transaction only.
    if (options.relaxed) await sql`set local synchronous_commit = off`.execute(trx);
  }
  const last = await trx.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  let hash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    seq += 1;
    hash = chainHash(hash, { seq, ...event });
    return { seq, ...event, hash };
  });
  await trx.insertInto('events').values(rows).execute();
  return seq;
}

/** Appends to and reads the event log; the only SQL for it. Events are never updated. */
export function eventsRepository(db: Kysely<Tables>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const inTransaction = async (work: (trx: Transaction<Tables>) => Promise<number>): Promise<number> => {
    const seq = await (db.isTransaction ? work(db as Transaction<Tables>) : db.transaction().execute(work));
    signalEventsAppended();
    return seq;
  };

  return {
    /** Appends one event and returns its sequence number. */
    append(event: NewEvent): Promise<number> {
      return inTransaction((trx) => appendChained(trx, [rowOf(event)], { postgres, relaxed: false }));
    },

    /** Appends several events with one read of the chain's end and one insert: all of them or none. */
    async appendAll(events: NewEvent[]): Promise<void> {
      if (events.length === 0) return;
      await inTransaction((trx) => appendChained(trx, events.map(rowOf), { postgres, relaxed: false }));
    },

    /**
     * Appends records of reads (a sync's `vault.synced`) together. On PostgreSQL their commit need
     * not wait for the disk flush: a crash may lose the last few reads, never a change.
     */
    async appendReads(events: NewEvent[]): Promise<void> {
      if (events.length === 0) return;
      await inTransaction((trx) => appendChained(trx, events.map(rowOf), { postgres, relaxed: true }));
    },

    /** Events after `afterSeq`, oldest first, at most `limit`, optionally of one type. */
    async list(options: { afterSeq?: number; limit: number; type?: string }): Promise<EventRecord[]> {
      let query = db.selectFrom('events').selectAll().where('seq', '>', options.afterSeq ?? 0);
      if (options.type) query = query.where('type', '=', options.type);
      const rows = await query.orderBy('seq').limit(options.limit).execute();
      return rows.map(toRecord);
    },
  };
}

export type EventsRepository = ReturnType<typeof eventsRepository>;
