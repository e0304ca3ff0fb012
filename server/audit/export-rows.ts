import { CSV_EXTRA_COLUMNS, EXPORT_COLUMNS } from '../../lib/contract/audit-log';
import type { AuditHeadsTable } from '../db/tables';
import type { StoredEvent } from './audit-log.repository';

// How one event row is written in an export. Values are the stored columns exactly (details is its
// stored JSON text, not re-serialised), so a verifier rebuilds the canonical form byte for byte.

/** A row of the JSON export: the chained columns, the hash and the hash of the event before it, under their column names. */
export function jsonRow(row: StoredEvent, prevHash: string | null): string {
  return JSON.stringify({ ...Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column]])), prev_hash: prevHash });
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF. Null is an empty cell and
 * an empty string a quoted one (`""`), so a verifier tells them apart as the canonical form does. A
 * value is never altered (no formula-guard prefix), or the row's hash would no longer verify:
 * docs/audit.md tells spreadsheet users to import the columns as text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV header line. */
export const CSV_HEADER = `${[...EXPORT_COLUMNS, ...CSV_EXTRA_COLUMNS].join(',')}\r\n`;

/** A CSV line: the chained columns, the hash, the hash before it, and the head signed at this row if any. */
export function csvLine(row: StoredEvent, prevHash: string | null, head: AuditHeadsTable | undefined): string {
  const cells = [...EXPORT_COLUMNS.map((column) => row[column]), prevHash, head?.signed_at ?? null, head?.key_id ?? null, head?.signature ?? null];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
