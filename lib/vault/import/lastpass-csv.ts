import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import { isHtmlEscaped, unescapeHtml } from './html-escaped-export';
import type { ParsedImport } from './imported-entry';
import { decodeImportText } from './import-text';
import { newImportedEntry, splitFolderPath } from './new-entry';

// LastPass's CSV export (docs/import.md "LastPass CSV"). A secure note is a row whose url is
// "http://sn"; a note of a special type (card, address, server…) starts its text with "NoteType:".
const REQUIRED = ['url', 'username', 'password', 'extra', 'name', 'grouping'];
const SECURE_NOTE_URL = 'http://sn';
// LastPass writes "http://" for a login saved without a web address.
const NO_URL = 'http://';

/** The entries of a LastPass CSV export; throws ImportFormatError when its columns are not LastPass's. */
export function parseLastpassCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('lastpass-csv', file, REQUIRED, 'name');
  const escaped = isHtmlEscaped(decodeImportText(file));
  const rows = escaped ? table.rows.map(unescapedRow) : table.rows;
  const records = rows.map((row) => ({ position: row.position, name: row.cell('name'), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function unescapedRow(row: CsvRow): CsvRow {
  return { position: row.position, cell: (column) => unescapeHtml(row.cell(column)), cells: row.cells.map(({ column, value }) => ({ column, value: unescapeHtml(value) })) };
}

function readRow(row: CsvRow): RecordOutcome {
  const url = row.cell('url').trim();
  const extra = row.cell('extra');
  const isNote = url === SECURE_NOTE_URL;
  if (isNote && extra.startsWith('NoteType:')) return 'unsupportedType';
  return newImportedEntry({
    name: row.cell('name'),
    login: row.cell('username'),
    password: row.cell('password'),
    urls: isNote || url === NO_URL || url === '' ? [] : [url],
    notes: extra,
    totp: row.cell('totp').trim(),
    folderPath: folderOf(row.cell('grouping')),
  });
}

// LastPass nests folders with backslashes ("Work\Servers") and older exports write "(none)" for no folder.
function folderOf(grouping: string): string[] {
  return grouping.trim() === '(none)' ? [] : splitFolderPath(grouping, '\\');
}
