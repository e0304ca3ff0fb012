import type { Kysely } from 'kysely';
import type { Attachment, NewAttachment } from '../../lib/contract/attachments';
import { chunkCount, chunkLength, isBlobSize, PART_CHUNKS, partChunks, partCount } from '../../lib/contract/attachment-parts';
import { encryptedBlobSize } from '../../lib/crypto/segmented';
import type { Action } from '../access/levels';
import { requireRight } from '../access/require-right';
import type { Reader } from '../db/database';
import type { AttachmentsTable, Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { itemForUser, type StampedItem } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';
import { attachmentsRepository } from './attachments.repository';
import { openChunks } from './chunk-stream';

export interface AttachmentsDeps {
  db: Kysely<Tables>;
  reader: Reader;
  sealer: Sealer;
  events: EventsRepository;
  /** The largest file accepted, in bytes of plaintext. */
  maxBytes: number;
  now: () => number;
}

export const metadataPlace = (id: string) => ({ table: 'attachments', column: 'metadata', rowId: id });
export const keyPlace = (id: string) => ({ table: 'attachments', column: 'wrapped_key', rowId: id });
/** Where a chunk is sealed: its attachment and index are in the seal, so the server layer alone notices a moved, swapped or reordered chunk. */
export const chunkPlace = (attachmentId: string, index: number) => ({ table: 'attachment_chunks', column: 'data', rowId: `${attachmentId}/${index}` });

/**
 * Files on entries. The server sees their encrypted size, who added them and when, never their
 * names, types or content. Reading an entry lets one list and download its files; editing it lets
 * one add and remove them. A removed file stays for the kept revisions that had it (listed with
 * `?revision=`) and goes with the entry when it is purged; one removed in the same revision it was
 * added in was in no kept revision, and goes at once.
 */
export function attachmentsService(deps: AttachmentsDeps) {
  const attachments = attachmentsRepository(deps.db);
  const readItem = itemForUser(deps.db, deps.reader);
  const maxEncrypted = encryptedBlobSize(deps.maxBytes);

  const record = (type: string, actorId: string, item: StampedItem, client: ClientInfo, details: Record<string, unknown>) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'item', id: item.id }, vaultId: item.vault_id, ip: client.ip, browserMode: client.browserMode, details });

  async function reachableItem(userId: string, itemId: string, action: Action): Promise<StampedItem> {
    const found = await readItem(itemId, userId);
    if (!found) throw new ApiError('notFound', { detail: 'no such item' });
    requireRight(found.rights, found.vaultId, found.folderId, action, 'item');
    return found.row;
  }

  async function attachmentOf(item: StampedItem, attachmentId: string): Promise<AttachmentsTable> {
    const row = await attachments.byId(attachmentId);
    if (!row || row.item_id !== item.id) throw new ApiError('notFound', { field: 'param.attachmentId', detail: 'no such attachment' });
    return row;
  }

  const served = (row: AttachmentsTable): Attachment => ({
    id: row.id,
    itemId: row.item_id,
    metadata: deps.sealer.open(row.metadata, metadataPlace(row.id)).toString(),
    wrappedKey: deps.sealer.open(row.wrapped_key, keyPlace(row.id)).toString(),
    encryptedSize: row.encrypted_size,
    complete: row.completed_at !== null,
    addedRevision: row.added_revision,
    removedRevision: row.removed_revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
  });

  /** The attachment while its upload is open: not complete, not removed. */
  async function uploading(userId: string, itemId: string, attachmentId: string) {
    const item = await reachableItem(userId, itemId, 'editEntries');
    const row = await attachmentOf(item, attachmentId);
    if (row.completed_at !== null || row.removed_revision !== null) throw new ApiError('conflict', { field: 'param.attachmentId', detail: 'the upload is complete' });
    return { item, row };
  }

  return {
    /** The files on the entry now, those it had in `revision`, or (`kept`) every one stored: on it now or kept for a revision. */
    async list(userId: string, itemId: string, revision?: number, kept = false): Promise<Attachment[]> {
      const item = await reachableItem(userId, itemId, 'readEntries');
      if (revision !== undefined && kept) throw new ApiError('validationFailed', { field: 'query.include', detail: 'name a revision or include=kept, not both' });
      if (revision !== undefined && revision > item.revision) throw new ApiError('notFound', { field: 'query.revision', detail: 'no such revision' });
      return (await attachments.ofItem(itemId, kept ? 'stored' : revision)).map(served);
    },

    async create(userId: string, itemId: string, input: NewAttachment): Promise<Attachment> {
      const item = await reachableItem(userId, itemId, 'editEntries');
      if (item.deleted_at !== null) throw new ApiError('conflict', { detail: 'the item is in the trash; restore it first' });
      if (!isBlobSize(input.encryptedSize)) throw new ApiError('validationFailed', { field: 'body.encryptedSize', detail: 'not the size of a segmented blob' });
      if (input.encryptedSize > maxEncrypted) throw new ApiError('attachmentTooLarge', { field: 'body.encryptedSize', detail: `over ${deps.maxBytes} bytes of plaintext` });
      if (await attachments.byId(input.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      const row: AttachmentsTable = {
        id: input.id,
        item_id: itemId,
        metadata: deps.sealer.seal(input.metadata, metadataPlace(input.id)),
        wrapped_key: deps.sealer.seal(input.wrappedKey, keyPlace(input.id)),
        encrypted_size: input.encryptedSize,
        received_parts: 0,
        completed_at: null,
        added_revision: item.revision,
        removed_revision: null,
        created_by: userId,
        created_at: deps.now(),
      };
      await attachments.insert(row);
      return served(row);
    },

    /** Stores part `part`: the next one, or one stored before (a retry replaces it with the same cut). */
    async putPart(userId: string, itemId: string, attachmentId: string, part: number, body: Uint8Array): Promise<void> {
      const { row } = await uploading(userId, itemId, attachmentId);
      if (part >= partCount(row.encrypted_size)) throw new ApiError('validationFailed', { field: 'param.part', detail: `the blob has ${partCount(row.encrypted_size)} parts` });
      if (part > row.received_parts) throw new ApiError('conflict', { field: 'param.part', detail: `part ${row.received_parts} comes next` });
      const lengths = partChunks(row.encrypted_size, part);
      const expected = lengths.reduce((sum, length) => sum + length, 0);
      if (body.length !== expected) throw new ApiError('validationFailed', { field: 'body', detail: `part ${part} is ${expected} bytes, not ${body.length}` });
      const first = part * PART_CHUNKS;
      let offset = 0;
      const sealed = lengths.map((length, index) => {
        const chunk = body.subarray(offset, offset + length);
        offset += length;
        return deps.sealer.seal(chunk, chunkPlace(attachmentId, first + index));
      });
      await deps.db.transaction().execute(async (trx) => {
        const repository = attachmentsRepository(trx);
        await repository.putChunks(attachmentId, first, sealed);
        await repository.setReceivedParts(attachmentId, Math.max(row.received_parts, part + 1));
      });
    },

    async complete(userId: string, itemId: string, attachmentId: string, client: ClientInfo): Promise<Attachment> {
      const item = await reachableItem(userId, itemId, 'editEntries');
      const row = await attachmentOf(item, attachmentId);
      if (row.completed_at !== null) return served(row);
      if (row.received_parts < partCount(row.encrypted_size) || (await attachments.chunkCount(attachmentId)) !== chunkCount(row.encrypted_size)) {
        throw new ApiError('conflict', { field: 'param.attachmentId', detail: `parts ${row.received_parts} to ${partCount(row.encrypted_size) - 1} are missing` });
      }
      const completedAt = deps.now();
      await attachments.complete(attachmentId, completedAt);
      await record('attachment.uploaded', userId, item, client, { attachmentId, encryptedSize: row.encrypted_size });
      return served({ ...row, completed_at: completedAt });
    },

    /** The encrypted blob as a stream of opened chunks, and its size; recorded as a download before the first byte. */
    async download(userId: string, itemId: string, attachmentId: string, client: ClientInfo): Promise<{ size: number; stream: ReadableStream<Uint8Array> }> {
      const item = await reachableItem(userId, itemId, 'readEntries');
      const row = await attachmentOf(item, attachmentId);
      if (row.completed_at === null) throw new ApiError('conflict', { field: 'param.attachmentId', detail: 'the upload is not complete' });
      const expected = chunkCount(row.encrypted_size);
      // Checked before answering 200: a blob that lost rows is an error, not a shorter file.
      if ((await attachments.chunkCount(attachmentId)) !== expected) throw new ApiError('internal', { detail: `attachment ${attachmentId} has lost chunks` });
      await record('attachment.downloaded', userId, item, client, { attachmentId });
      const open = (index: number, sealed: string) => {
        const chunk = deps.sealer.open(sealed, chunkPlace(attachmentId, index));
        if (chunk.length !== chunkLength(row.encrypted_size, index)) throw new Error(`chunk ${index} of attachment ${attachmentId} has the wrong length`);
        return chunk;
      };
      return { size: row.encrypted_size, stream: openChunks({ count: expected, read: (from, limit) => attachments.chunks(attachmentId, from, limit), open }) };
    },

    async remove(userId: string, itemId: string, attachmentId: string, client: ClientInfo): Promise<void> {
      const item = await reachableItem(userId, itemId, 'editEntries');
      const row = await attachmentOf(item, attachmentId);
      if (row.removed_revision !== null) return;
      // In no kept revision (added in the current one, or never completed): nothing needs it any more.
      if (row.added_revision === item.revision || row.completed_at === null) await attachments.remove(attachmentId);
      else await attachments.markRemoved(attachmentId, item.revision);
      if (row.completed_at !== null) await record('attachment.deleted', userId, item, client, { attachmentId });
    },
  };
}

export type AttachmentsService = ReturnType<typeof attachmentsService>;
