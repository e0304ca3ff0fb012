import type { ApiClient } from '../api/client';
import { exportAuditRoute, listAuditEventsRoute } from '../contract/audit-log';
import type { AuditFilterValues, AuditPage, PageReplies } from '../messages/protocol';
import { SessionError } from './session-error';

// The audit log in the worker (docs/audit.md, "Viewer and exports"). Only the worker talks to the
// server, so an export is a download the worker holds open: the page asks for the next piece of
// text, the worker reads that much from the server's stream and hands it over. Neither side holds
// the server's whole answer before the page has it, and a page that stops asking stops the read.

/** Characters handed to the page per request: few round trips, and a message far below the browsers' limits. */
export const EXPORT_PIECE = 256 * 1024;
/** A download nobody asked about for this long is dropped (its page was closed half-way). */
export const EXPORT_IDLE_MS = 60_000;

/** A page of events, newest first, for the viewer. */
export async function auditEvents(api: ApiClient, filters: AuditFilterValues, before: number | undefined, limit: number | undefined): Promise<AuditPage> {
  return api.call(listAuditEventsRoute, { query: { ...filters, before, limit } });
}

/** The file name in `Content-Disposition`, if it is a plain one. */
function fileNameOf(response: Response, format: string): string {
  const named = /filename="([\w.-]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return named?.[1] ?? `keyhold-audit.${format}`;
}

interface OpenDownload {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  decoder: TextDecoder;
  idle: ReturnType<typeof setTimeout>;
}

/** The exports the worker is streaming, by id; `newId` names them (tests pass a counter). */
export function auditDownloads(newId: () => string = () => crypto.randomUUID()) {
  const open = new Map<string, OpenDownload>();

  function drop(exportId: string): void {
    const download = open.get(exportId);
    if (!download) return;
    open.delete(exportId);
    clearTimeout(download.idle);
    void download.reader.cancel().catch(() => undefined);
  }

  const idleTimer = (exportId: string) => setTimeout(() => drop(exportId), EXPORT_IDLE_MS);

  return {
    /** Asks the server for the export and keeps its stream open for `next`. */
    async start(api: ApiClient, format: 'csv' | 'json', filters: AuditFilterValues): Promise<PageReplies['audit.exportStart']> {
      const response = await api.download(exportAuditRoute, { query: { ...filters, format } });
      if (!response.body) throw new SessionError('server', 'The server sent an export without a body.');
      const exportId = newId();
      open.set(exportId, { reader: response.body.getReader(), decoder: new TextDecoder(), idle: idleTimer(exportId) });
      return { exportId, fileName: fileNameOf(response, format), mimeType: response.headers.get('content-type') ?? 'application/octet-stream' };
    },

    /** The next piece of the file, read from the server now; the last one says `done` and closes the download. */
    async next(exportId: string): Promise<PageReplies['audit.exportNext']> {
      const download = open.get(exportId);
      if (!download) throw new SessionError('notFound', 'This export is no longer open; start it again.');
      clearTimeout(download.idle);
      let chunk = '';
      try {
        while (chunk.length < EXPORT_PIECE) {
          const { value, done } = await download.reader.read();
          if (done) {
            open.delete(exportId);
            return { chunk: chunk + download.decoder.decode(), done: true };
          }
          chunk += download.decoder.decode(value, { stream: true });
        }
      } catch (error) {
        drop(exportId);
        throw error;
      }
      download.idle = idleTimer(exportId);
      return { chunk, done: false };
    },

    /** Stops a download the page gave up on. */
    cancel(exportId: string): PageReplies['audit.exportCancel'] {
      drop(exportId);
      return { cancelled: true };
    },
  };
}

export type AuditDownloads = ReturnType<typeof auditDownloads>;
