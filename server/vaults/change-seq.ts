import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from '../db/tables';

// One counter orders every change sync serves. Taking the next value locks the counter row until
// the writing transaction commits, so changes commit in sequence order on PostgreSQL too (SQLite
// has one writer anyway): a reader that saw value N has seen every change up to N, and a cursor
// can never skip a change that committed late.

const NAME = 'change';

/** The next change sequence number; call inside the transaction that makes the change. */
export async function nextChangeSeq(trx: Transaction<Tables>): Promise<number> {
  const row = await trx
    .insertInto('change_counter')
    .values({ name: NAME, value: 1 })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ value: sql<number>`change_counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** The newest committed change sequence number (0 before any change). */
export async function currentChangeSeq(db: Kysely<Tables> | Transaction<Tables>): Promise<number> {
  const row = await db.selectFrom('change_counter').select('value').where('name', '=', NAME).executeTakeFirst();
  return Number(row?.value ?? 0);
}
