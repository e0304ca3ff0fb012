import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables';
import { nextChangeSeq } from './change-seq';

/** Runs `work` in a transaction that holds the next change sequence number (see change-seq.ts). */
export function changeTransaction<T>(db: Kysely<Tables>, work: (trx: Transaction<Tables>, changeSeq: number) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => work(trx, await nextChangeSeq(trx)));
}
