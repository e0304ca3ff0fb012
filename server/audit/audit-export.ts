import { AUDIT_EXPORT_FORMAT } from '../../lib/contract/audit-log';
import { streamJsonWithBatches } from '../http/json-stream';
import type { AuditLogRepository, EventFilter, StoredEvent } from './audit-log.repository';
import { GENESIS_HASH } from './chain';
import { CSV_HEADER, csvLine, jsonRow } from './export-rows';

// An export of the audit log as a stream (docs/audit.md, "Viewer and exports"): rows are read from
// the database a batch at a time as the client reads, so neither the rows nor the file are ever
// all in memory, whatever the size of the log.

export type ExportFormat = 'csv' | 'json';

/** A started export: the stream to send and what to call it. */
export interface AuditExport {
  range: { firstSeq: number | null; lastSeq: number | null };
  fileName: string;
  contentType: string;
  stream: ReadableStream<Uint8Array>;
}

/** What the file says about itself besides its rows. */
interface ExportMetadata {
  format: ExportFormat;
  filters: Record<string, unknown>;
  server: string;
  exportedAt: number;
}

/** Rows read per database query. */
export const EXPORT_BATCH = 500;

/** The rows after the last one read, a batch at a time, each with the hash of the event before it in the chain. */
function batches(repository: AuditLogRepository, filter: EventFilter) {
  let after = 0;
  let previous: { seq: number; hash: string | null } | null = null;
  return async (): Promise<{ row: StoredEvent; prevHash: string | null }[] | null> => {
    const rows = await repository.oldestFirst(filter, after, EXPORT_BATCH);
    if (rows.length === 0) return null;
    const readBefore = (index: number) => (index === 0 ? previous : rows[index - 1]!);
    const follows = (index: number) => rows[index]!.seq === 1 || readBefore(index)?.seq === rows[index]!.seq - 1;
    // A filtered export skips events: the links of the rows after a gap are looked up, one query per batch.
    const looked = await repository.hashesOf(rows.filter((_, index) => !follows(index)).map((row) => row.seq - 1));
    const linked = rows.map((row, index) => {
      if (row.seq === 1) return { row, prevHash: GENESIS_HASH };
      return { row, prevHash: follows(index) ? readBefore(index)!.hash : (looked.get(row.seq - 1) ?? null) };
    });
    previous = rows[rows.length - 1]!;
    after = previous.seq;
    return linked;
  };
}

/** `header`, then each batch's lines, read only as the client reads. */
function streamText(header: string, nextBatch: () => Promise<string[] | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(header)),
    pull: async (controller) => {
      const lines = await nextBatch();
      if (lines === null) return controller.close();
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}

/**
 * Fixes the export's range and starts it. The range ends at the newest event when it starts: rows
 * appended meanwhile (the record of this export among them) wait for the next export, so the file
 * is one consistent stretch of the chain. The signed heads inside the range go with it.
 */
export async function auditExport(repository: AuditLogRepository, filter: EventFilter, metadata: ExportMetadata): Promise<AuditExport> {
  const newest = await repository.lastSeq();
  const bounded: EventFilter = { ...filter, toSeq: Math.min(filter.toSeq ?? newest, newest) };
  const { first, last } = await repository.bounds(bounded);
  const heads = first === null || last === null ? [] : await repository.heads(first, last);
  const prevHash = first === null ? null : first === 1 ? GENESIS_HASH : ((await repository.hashesOf([first - 1])).get(first - 1) ?? null);
  const next = batches(repository, bounded);
  const range = { firstSeq: first, lastSeq: last };
  const fileName = `keyhold-audit-${first ?? 0}-${last ?? 0}.${metadata.format}`;

  if (metadata.format === 'csv') {
    const headAt = new Map(heads.map((head) => [head.seq, head]));
    const lines = async () => (await next())?.map(({ row, prevHash: link }) => csvLine(row, link, headAt.get(row.seq))) ?? null;
    return { range, fileName, contentType: 'text/csv; charset=utf-8', stream: streamText(CSV_HEADER, lines) };
  }
  const complete = filter.actorId === undefined && filter.type === undefined && filter.vaultId === undefined;
  const head = {
    format: AUDIT_EXPORT_FORMAT,
    server: metadata.server,
    exportedAt: metadata.exportedAt,
    filters: metadata.filters,
    complete,
    range,
    prevHash,
    heads: heads.map((signed) => ({ seq: signed.seq, hash: signed.hash, signedAt: Number(signed.signed_at), keyId: signed.key_id, signature: signed.signature })),
  };
  const rows = async () => (await next())?.map(({ row, prevHash: link }) => jsonRow(row, link)) ?? null;
  return { range, fileName, contentType: 'application/json; charset=utf-8', stream: streamJsonWithBatches(head, 'rows', rows) };
}
