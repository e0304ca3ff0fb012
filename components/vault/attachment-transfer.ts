import { fromBase64Url, toBase64Url } from '../../lib/crypto/bytes';
import type { AttachmentRow } from '../../lib/messages/protocol';
import type { PopupModel } from '../popup/popup-model';

// The vault page's half of an attachment transfer (lib/session/attachment-transfers.ts is the
// worker's): the chosen file goes to the worker a chunk at a time, the next only once the worker
// took the last; a download's verified chunks become Blob parts, which the browser keeps out of the
// page's heap, and turn into a file only when the worker says the whole file verified.

const CHUNK = 256 * 1024;

/** Sends `file` to the worker for upload to the entry, calling `progress` with the bytes sent so far. */
export async function sendFile(page: PopupModel, itemId: string, file: File, progress: (sent: number) => void): Promise<AttachmentRow> {
  const { uploadId } = await page.request({ type: 'attachments.uploadStart', itemId, name: file.name, mediaType: file.type, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
      await page.request({ type: 'attachments.uploadChunk', uploadId, data: toBase64Url(bytes) });
      progress(Math.min(file.size, offset + CHUNK));
    }
    return await page.request({ type: 'attachments.uploadFinish', uploadId, itemId });
  } catch (error) {
    await page.request({ type: 'attachments.uploadCancel', uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Fetches a file through the worker and saves it; on any failure nothing is saved and the error is thrown. */
export async function saveFile(page: PopupModel, itemId: string, attachmentId: string, revision?: number): Promise<void> {
  const started = await page.request({ type: 'attachments.downloadStart', itemId, attachmentId, ...(revision === undefined ? {} : { revision }) });
  const parts: Blob[] = [];
  for (let chunk = await page.request({ type: 'attachments.downloadChunk', downloadId: started.downloadId }); chunk.data !== null; chunk = await page.request({ type: 'attachments.downloadChunk', downloadId: started.downloadId })) {
    parts.push(new Blob([fromBase64Url(chunk.data, 'file chunk')]));
  }
  const url = URL.createObjectURL(new Blob(parts, { type: started.type || 'application/octet-stream' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = started.name;
    link.click();
  } finally {
    // Chrome starts the download from the click; the URL is no longer needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
