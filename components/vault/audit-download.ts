import type { AuditFilterValues } from '../../lib/messages/protocol';
import type { PopupModel } from '../popup/popup-model';

// "Export CSV" and "Export JSON": the worker streams the file from the server and the page asks
// for it a piece at a time (lib/session/audit-log.ts), then saves the pieces as one file. A Blob
// built from parts lets the browser keep a large file out of the page's heap.

/** How the page hands a finished file to the user; tests pass their own. */
export type SaveFile = (file: Blob, fileName: string) => void;

/** Saves `file` through a download link, as the browser's own downloads show it. */
export const saveWithLink: SaveFile = (file, fileName) => {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has taken the bytes once the click is handled; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** Downloads the export in `format` of the events `filters` select; `onProgress` hears the characters received so far. */
export async function downloadAuditExport(page: PopupModel, format: 'csv' | 'json', filters: AuditFilterValues, save: SaveFile, onProgress: (received: number) => void = () => undefined): Promise<void> {
  const started = await page.request({ type: 'audit.exportStart', format, filters });
  const parts: string[] = [];
  let received = 0;
  try {
    for (;;) {
      const { chunk, done } = await page.request({ type: 'audit.exportNext', exportId: started.exportId });
      parts.push(chunk);
      received += chunk.length;
      onProgress(received);
      if (done) break;
    }
  } catch (error) {
    void page.request({ type: 'audit.exportCancel', exportId: started.exportId }).catch(() => undefined);
    throw error;
  }
  save(new Blob(parts, { type: started.mimeType }), started.fileName);
}
