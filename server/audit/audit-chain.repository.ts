import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from '../db/tables';
import { AUDIT_WRITER_LOCK } from '../events/events.repository';
import type { ChainedColumns } from './chain';
import type { SignedHead } from './head-signature';

/** An event row as the chain sees it: the columns it covers and the stored link. */
export type ChainRow = ChainedColumns & { hash: string | null };

const CHAINED = ['seq', 'occurred_at', 'type', 'actor_type', 'actor_id', 'target_type', 'target_id', 'vault_id', 'ip', 'browser_mode', 'details', 'hash'] as const;

// PostgreSQL returns bigint columns as strings.
const chainRow = (row: Omit<ChainRow, 'seq'> & { seq: number | string }): ChainRow => ({ ...row, seq: Number(row.seq), occurred_at: Number(row.occurred_at) });
const signedHead = (row: Tables['audit_heads']): SignedHead => ({ seq: Number(row.seq), hash: row.hash, signedAt: Number(row.signed_at), keyId: row.key_id, signature: row.signature });

/** Reads the chain in pages and keeps its signed heads; the only SQL of the audit chain besides appends. */
export function auditChainRepository(db: Kysely<Tables>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    /** Up to `limit` rows after `afterSeq`, in seq order. */
    async rowsAfter(afterSeq: number, limit: number): Promise<ChainRow[]> {
      const rows = await db.selectFrom('events').select(CHAINED).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(chainRow);
    },

    /** Up to `limit` signed heads at or after `fromSeq`, in seq order. */
    async headsFrom(fromSeq: number, limit: number): Promise<SignedHead[]> {
      const rows = await db.selectFrom('audit_heads').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
      return rows.map(signedHead);
    },

    /** The signed head with the greatest seq below `seq`: the anchor of a chain whose older rows retention deleted. */
    async headBelow(seq: number): Promise<SignedHead | undefined> {
      const row = await db.selectFrom('audit_heads').selectAll().where('seq', '<', seq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row && signedHead(row);
    },

    /** The newest signed heads, newest first. */
    async latestHeads(limit: number): Promise<SignedHead[]> {
      const rows = await db.selectFrom('audit_heads').selectAll().orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(signedHead);
    },

    /** The signed head at `seq`, if any. */
    async headAt(seq: number): Promise<SignedHead | undefined> {
      const row = await db.selectFrom('audit_heads').selectAll().where('seq', '=', seq).executeTakeFirst();
      return row && signedHead(row);
    },

    /** The last row's seq and hash: the chain head. */
    async end(): Promise<{ seq: number; hash: string } | undefined> {
      const row = await db.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row?.hash ? { seq: Number(row.seq), hash: row.hash } : undefined;
    },

    /** The row at `seq`'s hash. */
    async hashAt(seq: number): Promise<string | undefined> {
      const row = await db.selectFrom('events').select('hash').where('seq', '=', seq).executeTakeFirst();
      return row?.hash ?? undefined;
    },

    /** The greatest seq of an event that occurred before `time`. */
    async lastSeqBefore(time: number): Promise<number | undefined> {
      const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('occurred_at', '<', time).executeTakeFirst();
      return row?.seq === null || row?.seq === undefined ? undefined : Number(row.seq);
    },

    /** Stores a signed head; a head already signed at that seq (by another instance) is kept. */
    async insertHead(head: SignedHead): Promise<void> {
      await db
        .insertInto('audit_heads')
        .values({ seq: head.seq, hash: head.hash, signed_at: head.signedAt, key_id: head.keyId, signature: head.signature })
        .onConflict((conflict) => conflict.column('seq').doNothing())
        .execute();
    },

    /** Deletes the events up to `seq` and the heads below it (the head at `seq` stays: the anchor); returns how many events went. */
    async deleteThrough(seq: number): Promise<number> {
      const result = await db.deleteFrom('events').where('seq', '<=', seq).executeTakeFirst();
      await db.deleteFrom('audit_heads').where('seq', '<', seq).execute();
      return Number(result.numDeletedRows);
    },

    /**
     * Runs `work` in one transaction holding the chain's writer lock (on PostgreSQL the advisory lock
     * appends take; SQLite's one connection is one writer already), with repositories bound to it.
     */
    writing<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        if (postgres) await sql`select pg_advisory_xact_lock(${AUDIT_WRITER_LOCK})`.execute(trx);
        return work(trx);
      });
    },
  };
}

export type AuditChainRepository = ReturnType<typeof auditChainRepository>;
