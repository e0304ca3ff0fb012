import type { ApiClient } from '../api/client';
import { completeAttachmentRoute, createAttachmentRoute, downloadAttachmentRoute, putAttachmentPartRoute, type Attachment } from '../contract/attachments';
import { partCount, partLength } from '../contract/attachment-parts';
import { attachmentBlobId } from '../crypto/contexts';
import { CryptoError, TruncatedError } from '../crypto/errors';
import { createDecryptionStream, createEncryptionStream } from '../crypto/segmented';
import type { SymmetricKey } from '../crypto/symmetric';
import { openAttachment, sealAttachment, type AttachmentFile } from './attachment';

// Moving an attachment between a client and the server as streams: whatever the file's size, the
// client holds one part (under 1 MiB) on the way up and a segment or two on the way down. The
// upload is create → one PUT per part → complete, not one streaming request body: browsers stream
// request bodies only over HTTP/2 (Chromium: ERR_H2_OR_QUIC_REQUIRED), and a server behind plain
// HTTP/1.1 must work.

/** The file's content was not the size it was declared with (it changed while being read). */
export class FileChangedError extends Error {
  constructor() {
    super('The file changed while it was being read. Choose it again.');
    this.name = 'FileChangedError';
  }
}

/** What uploadAttachment needs. */
export interface UploadInput {
  itemId: string;
  attachmentId: string;
  /** The entry key of the item, opened (openItem). */
  entry: SymmetricKey;
  file: AttachmentFile;
  /** The file's bytes: File.stream() in a browser, Readable.toWeb(createReadStream(…)) in Node. */
  content: ReadableStream<Uint8Array>;
  /** Called after each stored part with the encrypted bytes sent so far and in all. */
  onProgress?: (sent: number, total: number) => void;
}

/** Passes exactly `size` bytes through; errors with FileChangedError on more or fewer. */
function exactly(size: number, error: () => Error): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform: (chunk, controller) => {
      seen += chunk.length;
      if (seen > size) throw error();
      controller.enqueue(chunk);
    },
    flush: () => {
      if (seen !== size) throw error();
    },
  });
}

async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  // A part sent again replaces itself on the server, so a network failure is retried as is.
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TypeError) || tries === 3) throw error;
    }
  }
}

/** Encrypts `content` under a fresh file key and uploads it part by part; resolves with the completed attachment. */
export async function uploadAttachment(api: ApiClient, input: UploadInput): Promise<Attachment> {
  const { itemId, attachmentId } = input;
  const { body, fileKey } = await sealAttachment(input.entry, itemId, attachmentId, input.file);
  await api.call(createAttachmentRoute, { params: { id: itemId }, body });
  const total = body.encryptedSize;
  const encrypted = input.content.pipeThrough(exactly(input.file.size, () => new FileChangedError())).pipeThrough(createEncryptionStream(fileKey, attachmentBlobId(itemId, attachmentId)));
  let part = 0;
  let sent = 0;
  let buffer = new Uint8Array(partLength(total, 0));
  let filled = 0;
  const reader = encrypted.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    for (let offset = 0; offset < read.value.length; ) {
      if (buffer.length === 0) throw new FileChangedError();
      const count = Math.min(buffer.length - filled, read.value.length - offset);
      buffer.set(read.value.subarray(offset, offset + count), filled);
      filled += count;
      offset += count;
      if (filled < buffer.length) continue;
      const full = buffer;
      await withRetry(() => api.upload(putAttachmentPartRoute, { params: { id: itemId, attachmentId, part } }, full));
      sent += full.length;
      input.onProgress?.(sent, total);
      part++;
      filled = 0;
      // Every part but the last has the same length: the one buffer is reused.
      if (partLength(total, part) !== buffer.length) buffer = new Uint8Array(partLength(total, part));
    }
  }
  if (part !== partCount(total) || filled !== 0) throw new FileChangedError();
  return api.call(completeAttachmentRoute, { params: { id: itemId, attachmentId } });
}

/** Errors that are not the crypto layer's own (a connection cut off mid-file) become TruncatedError: either way the file is incomplete. */
function asDamage(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        const read = await reader.read();
        if (read.done) controller.close();
        else controller.enqueue(read.value);
      } catch (error) {
        controller.error(error instanceof CryptoError ? error : new TruncatedError('attachment download'));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Opens an attachment and streams its verified plaintext. The stream errors (AuthenticationError,
 * TruncatedError, MalformedError) on any tampering or truncation; segments before the damage have
 * already been handed on, so a caller keeps the output only once the stream ends without error.
 */
export async function downloadAttachment(api: ApiClient, entry: SymmetricKey, attachment: Attachment): Promise<{ file: AttachmentFile; content: ReadableStream<Uint8Array> }> {
  const { file, fileKey } = await openAttachment(entry, attachment);
  const response = await api.download(downloadAttachmentRoute, { params: { id: attachment.itemId, attachmentId: attachment.id } });
  if (!response.body) throw new TruncatedError('attachment download');
  const plaintext = response.body.pipeThrough(createDecryptionStream(fileKey, attachmentBlobId(attachment.itemId, attachment.id)));
  return { file, content: asDamage(plaintext.pipeThrough(exactly(file.size, () => new TruncatedError('attachment')))) };
}
