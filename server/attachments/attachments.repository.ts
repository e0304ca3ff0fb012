import type { Kysely, Transaction } from 'kysely';
import type { AttachmentsTable, Tables } from '../db/tables';

// The only SQL for `attachments` and `attachment_chunks`.

type Db = Kysely<Tables> | Transaction<Tables>;

/** A stored chunk: its index and its sealed bytes. */
export interface ChunkRow {
  idx: number;
  data: string;
}

export function attachmentsRepository(db: Db) {
  return {
    async byId(id: string): Promise<AttachmentsTable | undefined> {
      return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The item's complete attachments that were on it while revision `revision` was current, every one still on it when `revision` is undefined, or every one stored (on it or kept for a revision) with 'stored'. */
    async ofItem(itemId: string, revision?: number | 'stored'): Promise<AttachmentsTable[]> {
      let query = db.selectFrom('attachments').selectAll().where('item_id', '=', itemId).where('completed_at', 'is not', null);
      query =
        revision === 'stored'
          ? query
          : revision === undefined
          ? query.where('removed_revision', 'is', null)
          : query.where('added_revision', '<=', revision).where((eb) => eb.or([eb('removed_revision', 'is', null), eb('removed_revision', '>', revision)]));
      return query.orderBy('created_at').orderBy('id').execute();
    },

    /** Every row of the item: on it, kept for a revision, or still uploading. */
    async allOfItem(itemId: string): Promise<AttachmentsTable[]> {
      return db.selectFrom('attachments').selectAll().where('item_id', '=', itemId).execute();
    },

    /** Replaces the sealed file key and metadata (after the entry was re-keyed). */
    async rewrap(id: string, sealed: Pick<AttachmentsTable, 'metadata' | 'wrapped_key'>): Promise<void> {
      await db.updateTable('attachments').set(sealed).where('id', '=', id).execute();
    },

    async insert(row: AttachmentsTable): Promise<void> {
      await db.insertInto('attachments').values(row).execute();
    },

    /** Replaces chunks `from` … `from + data.length − 1` (a retried part writes the same indexes again). */
    async putChunks(attachmentId: string, from: number, data: string[]): Promise<void> {
      await db.deleteFrom('attachment_chunks').where('attachment_id', '=', attachmentId).where('idx', '>=', from).where('idx', '<', from + data.length).execute();
      await db
        .insertInto('attachment_chunks')
        .values(data.map((sealed, offset) => ({ attachment_id: attachmentId, idx: from + offset, data: sealed })))
        .execute();
    },

    async setReceivedParts(id: string, parts: number): Promise<void> {
      await db.updateTable('attachments').set({ received_parts: parts }).where('id', '=', id).execute();
    },

    async complete(id: string, at: number): Promise<void> {
      await db.updateTable('attachments').set({ completed_at: at }).where('id', '=', id).execute();
    },

    /** Up to `limit` chunks from index `from` on, in order. */
    async chunks(attachmentId: string, from: number, limit: number): Promise<ChunkRow[]> {
      return db.selectFrom('attachment_chunks').select(['idx', 'data']).where('attachment_id', '=', attachmentId).where('idx', '>=', from).orderBy('idx').limit(limit).execute();
    },

    async chunkCount(attachmentId: string): Promise<number> {
      const row = await db.selectFrom('attachment_chunks').select((eb) => eb.fn.countAll().as('n')).where('attachment_id', '=', attachmentId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async markRemoved(id: string, revision: number): Promise<void> {
      await db.updateTable('attachments').set({ removed_revision: revision }).where('id', '=', id).execute();
    },

    /** Deletes the attachment and its blob. */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('attachment_chunks').where('attachment_id', '=', id).execute();
      await db.deleteFrom('attachments').where('id', '=', id).execute();
    },
  };
}
