import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AuditHeadsTable, EventsTable, Tables } from '../db/tables';

/** The filters as the repository applies them: the actor already resolved to an id. */
export interface EventFilter {
  actorId?: string;
  /** An exact type, or a prefix ending in "." for a family of types. */
  type?: string;
  vaultId?: string;
  from?: number;
  to?: number;
  fromSeq?: number;
  toSeq?: number;
}

/** An event row as stored, with `seq` a number whatever the driver returns. */
export type StoredEvent = Omit<EventsTable, 'seq'> & { seq: number };

/** A stored row with the names the viewer shows beside its ids. */
export type NamedEvent = StoredEvent & { actor_login: string | null; target_login: string | null; vault_name: string | null };

const EVENT_COLUMNS = ['events.seq', 'events.occurred_at', 'events.type', 'events.actor_type', 'events.actor_id', 'events.target_type', 'events.target_id', 'events.vault_id', 'events.ip', 'events.browser_mode', 'events.details', 'events.hash'] as const;


function filtered<O>(query: SelectQueryBuilder<Tables, 'events', O>, filter: EventFilter): SelectQueryBuilder<Tables, 'events', O> {
  let q = query;
  if (filter.actorId !== undefined) q = q.where('events.actor_id', '=', filter.actorId);
  // A family by its first characters, compared for equality: LIKE is case-blind on SQLite and needs
  // its wildcards escaped, and a range (>= 'item.', < 'item/') depends on PostgreSQL's collation.
  if (filter.type?.endsWith('.')) q = q.where(sql<string>`substr(${sql.ref('events.type')}, 1, ${filter.type.length})`, '=', filter.type);
  else if (filter.type !== undefined) q = q.where('events.type', '=', filter.type);
  if (filter.vaultId !== undefined) q = q.where('events.vault_id', '=', filter.vaultId);
  if (filter.from !== undefined) q = q.where('events.occurred_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('events.occurred_at', '<', filter.to);
  if (filter.fromSeq !== undefined) q = q.where('events.seq', '>=', filter.fromSeq);
  if (filter.toSeq !== undefined) q = q.where('events.seq', '<=', filter.toSeq);
  return q;
}

const withNumberSeq = <T extends { seq: number | string }>(row: T): T & { seq: number } => ({ ...row, seq: Number(row.seq) });

/** The only SQL of the audit log's viewer and exports: reads of `events` and `audit_heads`, never a write. */
export function auditLogRepository(db: Kysely<Tables>) {
  return {
    /** A page of events before `before` (all when undefined), newest first, with logins and vault names. */
    async newestFirst(filter: EventFilter, before: number | undefined, limit: number): Promise<NamedEvent[]> {
      let query = filtered(
        db
          .selectFrom('events')
          .leftJoin('users as actor', (join) => join.onRef('actor.id', '=', 'events.actor_id').on('events.actor_type', 'in', ['user', 'machine']))
          .leftJoin('users as target', (join) => join.onRef('target.id', '=', 'events.target_id').on('events.target_type', '=', 'user'))
          .leftJoin('vaults', 'vaults.id', 'events.vault_id')
          .select(EVENT_COLUMNS)
          .select(['actor.login as actor_login', 'target.login as target_login', 'vaults.name as vault_name']),
        filter,
      );
      if (before !== undefined) query = query.where('events.seq', '<', before);
      const rows = await query.orderBy('events.seq', 'desc').limit(limit).execute();
      return rows.map(withNumberSeq);
    },

    /** Up to `limit` events after `afterSeq`, oldest first. */
    async oldestFirst(filter: EventFilter, afterSeq: number, limit: number): Promise<StoredEvent[]> {
      const rows = await filtered(db.selectFrom('events').select(EVENT_COLUMNS), filter).where('events.seq', '>', afterSeq).orderBy('events.seq').limit(limit).execute();
      return rows.map(withNumberSeq);
    },

    /** The first and last sequence numbers the filter selects (nulls when none). */
    async bounds(filter: EventFilter): Promise<{ first: number | null; last: number | null }> {
      const row = await filtered(db.selectFrom('events'), filter)
        .select((eb) => [eb.fn.min('events.seq').as('first'), eb.fn.max('events.seq').as('last')])
        .executeTakeFirst();
      const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
      return { first: number(row?.first), last: number(row?.last) };
    },

    /** The newest sequence number (0 for an empty log). */
    async lastSeq(): Promise<number> {
      const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirst();
      return Number(row?.last ?? 0);
    },

    /** The stored hashes of the events `seqs`, by sequence number; for one retention deleted, its anchor head's. */
    async hashesOf(seqs: number[]): Promise<Map<number, string | null>> {
      if (seqs.length === 0) return new Map();
      const rows = await db.selectFrom('events').select(['seq', 'hash']).where('seq', 'in', seqs).execute();
      const hashes = new Map<number, string | null>(rows.map((row) => [Number(row.seq), row.hash]));
      // Retention deleted the row before the oldest kept one but left its signed head: the anchor.
      const gone = seqs.filter((seq) => !hashes.has(seq));
      if (gone.length === 0) return hashes;
      const anchors = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('seq', 'in', gone).execute();
      for (const anchor of anchors) hashes.set(Number(anchor.seq), anchor.hash);
      return hashes;
    },

    /** The signed heads from `first` to `last`, in order. */
    async heads(first: number, last: number): Promise<AuditHeadsTable[]> {
      const rows = await db.selectFrom('audit_heads').selectAll().where('seq', '>=', first).where('seq', '<=', last).orderBy('seq').execute();
      return rows.map(withNumberSeq);
    },

    /** The id of the account signing in as `login`, if there is one. */
    async userIdByLogin(login: string): Promise<string | undefined> {
      return (await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst())?.id;
    },
  };
}

export type AuditLogRepository = ReturnType<typeof auditLogRepository>;
