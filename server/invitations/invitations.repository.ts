import type { Kysely, Transaction } from 'kysely';
import type { InvitationsTable, Tables } from '../db/tables';

/** The only SQL for `invitations`. */
export function invitationsRepository(db: Kysely<Tables> | Transaction<Tables>) {
  return {
    async insert(row: InvitationsTable): Promise<void> {
      await db.insertInto('invitations').values(row).execute();
    },
    async byId(id: string): Promise<InvitationsTable | undefined> {
      return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async all(): Promise<InvitationsTable[]> {
      return db.selectFrom('invitations').selectAll().where('purpose', '=', 'join').orderBy('created_at').execute();
    },
    /** Marks an open, unexpired invitation used; false when someone else used it first. */
    async accept(id: string, userId: string, now: number): Promise<boolean> {
      const result = await db.updateTable('invitations').set({ accepted_by: userId, accepted_at: now }).where('id', '=', id).where('accepted_by', 'is', null).where('expires_at', '>', now).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
