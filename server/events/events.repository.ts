import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db/database';
import type { Tables } from '../db/tables';

/** One recorded event as the rest of the server sees it. */
export interface EventRecord {
  seq: number;
  occurredAt: number;
  type: string;
  actor: { type: 'user' | 'machine' | 'system'; id: string | null };
  target: { type: string; id: string } | null;
  vaultId: string | null;
  ip: string | null;
  browserMode: boolean | null;
  details: Record<string, unknown>;
}

/** What a caller supplies; the database assigns `seq`. */
export type NewEvent = Omit<EventRecord, 'seq'>;

type Row = Omit<Tables['events'], 'seq'> & { seq: number | string };

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

function rowOf(event: NewEvent): Omit<Tables['events'], 'seq'> {
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

/** Appends to and reads the event log; the only SQL for it. Events are never updated. */
export function eventsRepository(db: Kysely<Tables>) {
  return {
    /** Appends one event and returns its sequence number. */
    async append(event: NewEvent): Promise<number> {
      const row = await db.insertInto('events').values(rowOf(event)).returning('seq').executeTakeFirstOrThrow();
      return Number(row.seq);
    },

    /**
     * Appends records of reads (a sync's `vault.synced`) in one statement, one round trip. On
     * PostgreSQL their commit need not wait for the disk flush — a crash may lose the last few,
     * never a change or a torn row: `set_config(…, true)` in the statement itself holds for its own
     * transaction, and the commit reads the setting before the transaction's settings are undone.
     */
    async appendReads(events: NewEvent[], engine: Engine): Promise<void> {
      if (events.length === 0) return;
      const insert = db.insertInto('events').values(events.map(rowOf));
      if (engine === 'postgres') await insert.returning(sql<string>`(select set_config('synchronous_commit', 'off', true))`.as('relaxed')).execute();
      else await insert.execute();
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
