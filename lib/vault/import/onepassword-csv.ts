import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import type { ImportedField, ParsedImport } from './imported-entry';
import { newImportedEntry, nonBlank } from './new-entry';

// 1Password 8's CSV export (docs/import.md "1Password CSV"): logins only, one per row. Any column
// beyond the ones below (1Password 7 let the user pick more) is kept as a text field.
const REQUIRED = ['title', 'url', 'username', 'password'];
const KNOWN = new Set([...REQUIRED, 'otpauth', 'notes', 'tags', 'favorite', 'archived']);

/** The entries of a 1Password CSV export; throws ImportFormatError when its columns are not 1Password's. */
export function parseOnepasswordCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('1password-csv', file, REQUIRED, 'title');
  const records = table.rows.map((row) => ({ position: row.position, name: row.cell('title'), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function readRow(row: CsvRow): RecordOutcome {
  return newImportedEntry({
    name: row.cell('title'),
    login: row.cell('username'),
    password: row.cell('password'),
    urls: nonBlank([row.cell('url')]),
    notes: row.cell('notes'),
    totp: row.cell('otpauth').trim(),
    tags: nonBlank(row.cell('tags').split(',')),
    customFields: extraColumns(row),
  });
}

function extraColumns(row: CsvRow): ImportedField[] {
  return row.cells.filter(({ column, value }) => value !== '' && column !== '' && !KNOWN.has(column.toLowerCase())).map(({ column, value }) => ({ label: column, value, secret: false }));
}
