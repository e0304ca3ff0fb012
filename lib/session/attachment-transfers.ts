import type { ApiClient } from '../api/client';
import { deleteAttachmentRoute, listAttachmentsRoute, type Attachment } from '../contract/attachments';
import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { deriveSymmetricKey, type SymmetricKey } from '../crypto/symmetric';
import { openAttachment } from '../vault/attachment';
import { downloadAttachment, uploadAttachment } from '../vault/attachment-transfer';
import type { AttachmentRow } from '../messages/protocol';
import { newId } from '../vault/owner-setup';
import type { OpenedVault } from './opened-vault';
import { SessionError } from './session-error';

// Attachments for the extension's pages, with every key kept in the worker (docs/sharing.md,
// "Attachments"; docs/extension.md). A page streams a chosen file to the worker in chunks over its
// port and asks for a download's plaintext a chunk at a time: each side holds one chunk in flight,
// whatever the file's size, and neither the file key nor the entry key ever reaches the page.
// Chunks cross the port as base64url text because extension messages are JSON.

/** What the transfers need of the unlocked session: a client of the server and the opened vault. */
export type TransferContext = () => Promise<{ api: ApiClient; vault: OpenedVault }>;

interface Upload {
  push(bytes: Uint8Array): Promise<void>;
  finish(): Promise<Attachment>;
  cancel(): void;
}

/** A stream the page feeds: push resolves once the upload has taken the chunk (or rejects when the upload failed). */
function pageFedUpload(start: (content: ReadableStream<Uint8Array>) => Promise<Attachment>): Upload {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let taken: (() => void) | undefined;
  const content = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: () => {
        taken?.();
        taken = undefined;
      },
    },
    { highWaterMark: 0 },
  );
  const done = start(content);
  // Failures surface from push and finish; this keeps an early one from going unhandled meanwhile.
  done.catch(() => undefined);
  return {
    async push(bytes) {
      const pulled = new Promise<void>((resolve) => (taken = resolve));
      controller.enqueue(bytes);
      await Promise.race([pulled, done.then(() => undefined)]);
    },
    finish() {
      controller.close();
      return done;
    },
    cancel: () => controller.error(new SessionError('conflict', 'The upload was cancelled.')),
  };
}

async function entryOf(vault: OpenedVault, itemId: string): Promise<SymmetricKey> {
  return deriveSymmetricKey((await vault.entryKeyOf(itemId)).entryKey);
}

/** Uploads, downloads and listings of attachments, held by the worker. */
export function createAttachmentTransfers(context: TransferContext) {
  const uploads = new Map<string, Upload>();
  const downloads = new Map<string, ReadableStreamDefaultReader<Uint8Array>>();

  const rowOf = async (entry: SymmetricKey, attachment: Attachment): Promise<AttachmentRow> => {
    const { file } = await openAttachment(entry, attachment);
    return { id: attachment.id, name: file.name, type: file.type, size: file.size, createdAt: attachment.createdAt, removedRevision: attachment.removedRevision };
  };

  async function served(api: ApiClient, itemId: string, revision?: number): Promise<Attachment[]> {
    const { attachments } = await api.call(listAttachmentsRoute, { params: { id: itemId }, query: revision === undefined ? {} : { revision } });
    if (attachments.some((attachment) => attachment.itemId !== itemId)) throw new SessionError('tampered', `The server listed another entry's files for ${itemId}.`);
    return attachments;
  }

  return {
    /** The entry's files now, or those it had in `revision`, each name verified under the entry key. */
    async list(itemId: string, revision?: number): Promise<AttachmentRow[]> {
      const { api, vault } = await context();
      const entry = await entryOf(vault, itemId);
      return Promise.all((await served(api, itemId, revision)).map((attachment) => rowOf(entry, attachment)));
    },

    async startUpload(itemId: string, file: { name: string; type: string; size: number }): Promise<{ uploadId: string }> {
      const { api, vault } = await context();
      const entry = await entryOf(vault, itemId);
      const uploadId = newId();
      uploads.set(uploadId, pageFedUpload((content) => uploadAttachment(api, { itemId, attachmentId: newId(), entry, file, content })));
      return { uploadId };
    },

    async uploadChunk(uploadId: string, data: string): Promise<{ taken: true }> {
      const upload = uploads.get(uploadId);
      if (!upload) throw new SessionError('notFound', 'No such upload.');
      await upload.push(fromBase64Url(data, 'file chunk'));
      return { taken: true };
    },

    async finishUpload(uploadId: string, itemId: string): Promise<AttachmentRow> {
      const upload = uploads.get(uploadId);
      if (!upload) throw new SessionError('notFound', 'No such upload.');
      uploads.delete(uploadId);
      const attachment = await upload.finish();
      const { vault } = await context();
      return rowOf(await entryOf(vault, itemId), attachment);
    },

    cancelUpload(uploadId: string): { cancelled: true } {
      uploads.get(uploadId)?.cancel();
      uploads.delete(uploadId);
      return { cancelled: true };
    },

    /** Opens a download; its verified plaintext then comes a chunk at a time from downloadChunk. */
    async startDownload(itemId: string, attachmentId: string, revision?: number): Promise<{ downloadId: string; name: string; type: string; size: number }> {
      const { api, vault } = await context();
      const attachment = (await served(api, itemId, revision)).find((candidate) => candidate.id === attachmentId);
      if (!attachment) throw new SessionError('notFound', 'No such file on this entry.');
      const { file, content } = await downloadAttachment(api, await entryOf(vault, itemId), attachment);
      const downloadId = newId();
      downloads.set(downloadId, content.getReader());
      return { downloadId, ...file };
    },

    /** The next verified chunk, or null at the end; throws (and forgets the download) on damage, so the page discards what it has. */
    async downloadChunk(downloadId: string): Promise<{ data: string | null }> {
      const reader = downloads.get(downloadId);
      if (!reader) throw new SessionError('notFound', 'No such download.');
      try {
        const read = await reader.read();
        if (read.done) downloads.delete(downloadId);
        return { data: read.done ? null : toBase64Url(read.value) };
      } catch (error) {
        downloads.delete(downloadId);
        throw error;
      }
    },

    async remove(itemId: string, attachmentId: string): Promise<{ removed: true }> {
      const { api } = await context();
      await api.call(deleteAttachmentRoute, { params: { id: itemId, attachmentId } });
      return { removed: true };
    },
  };
}

export type AttachmentTransfers = ReturnType<typeof createAttachmentTransfers>;
