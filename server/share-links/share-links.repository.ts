import { sql, type Kysely } from 'kysely';
import type { ShareLinksTable, Tables } from '../db/tables';

// The only SQL for `share_links` (docs/sharing.md, "Share links").

/** What a counted reveal returns. */
export interface CountedView {
  id: string;
  item_id: string;
  vault_id: string;
  ciphertext: string;
  views: number;
  max_views: number | null;
  expires_at: number | null;
}

const numeric = (row: ShareLinksTable): ShareLinksTable => ({
  ...row,
  created_at: Number(row.created_at),
  expires_at: row.expires_at === null ? null : Number(row.expires_at),
  last_viewed_at: row.last_viewed_at === null ? null : Number(row.last_viewed_at),
  revoked_at: row.revoked_at === null ? null : Number(row.revoked_at),
});

export function shareLinksRepository(db: Kysely<Tables>) {
  return {
    async byId(id: string): Promise<ShareLinksTable | undefined> {
      const row = await db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirst();
      return row && numeric(row);
    },
    async insert(row: ShareLinksTable): Promise<void> {
      await db.insertInto('share_links').values(row).execute();
    },
    async ofItem(itemId: string): Promise<ShareLinksTable[]> {
      return (await db.selectFrom('share_links').selectAll().where('item_id', '=', itemId).orderBy('created_at', 'desc').execute()).map(numeric);
    },
    async createdBy(userId: string): Promise<ShareLinksTable[]> {
      return (await db.selectFrom('share_links').selectAll().where('created_by', '=', userId).orderBy('created_at', 'desc').execute()).map(numeric);
    },
    /** Marks the link revoked unless it is already; true when this call revoked it. */
    async revoke(id: string, userId: string, now: number): Promise<boolean> {
      const result = await db.updateTable('share_links').set({ revoked_at: now, revoked_by: userId }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /**
     * Counts one view of the link if the token matches and it is open (not revoked, not expired,
     * views left), in one conditional UPDATE … RETURNING: concurrent reveals each see the count the
     * one before left, on PostgreSQL (row lock, re-check of the WHERE) and SQLite (one writer) alike,
     * so a single-use link opens exactly once. Undefined when nothing was counted.
     */
    async countView(id: string, tokenHash: string, now: number): Promise<CountedView | undefined> {
      const row = await db
        .updateTable('share_links')
        .set({ views: sql<number>`views + 1`, last_viewed_at: now })
        .where('id', '=', id)
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .where((eb) => eb.or([eb('max_views', 'is', null), eb('views', '<', eb.ref('max_views'))]))
        .returning(['id', 'item_id', 'vault_id', 'ciphertext', 'views', 'max_views', 'expires_at'])
        .executeTakeFirst();
      return row && { ...row, expires_at: row.expires_at === null ? null : Number(row.expires_at) };
    },
  };
}

export type ShareLinksRepository = ReturnType<typeof shareLinksRepository>;
