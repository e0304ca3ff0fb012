import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import type { ImportedField, ParsedImport } from './imported-entry';
import { newImportedEntry, nonBlank, splitFolderPath } from './new-entry';

// Bitwarden's CSV export (docs/import.md "Bitwarden CSV"): logins and secure notes only, custom
// fields flattened to "name: value" lines, several URIs joined with commas.
const REQUIRED = ['type', 'name', 'notes', 'login_uri', 'login_username', 'login_password'];

/** The entries of a Bitwarden CSV export (personal or organisation); throws ImportFormatError when its columns are not Bitwarden's. */
export function parseBitwardenCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('bitwarden-csv', file, REQUIRED, 'name');
  const records = table.rows.map((row) => ({ position: row.position, name: row.cell('name'), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function readRow(row: CsvRow): RecordOutcome {
  const type = row.cell('type').trim().toLowerCase();
  if (type !== 'login' && type !== 'note' && type !== '') return 'unsupportedType';
  return newImportedEntry({
    name: row.cell('name'),
    login: row.cell('login_username'),
    password: row.cell('login_password'),
    urls: nonBlank(row.cell('login_uri').split(',')),
    notes: row.cell('notes'),
    totp: row.cell('login_totp').trim(),
    folderPath: folderOf(row),
    customFields: fieldsOf(row.cell('fields')),
  });
}

// An organisation export names its collections (comma-separated) where a personal one has the folder.
function folderOf(row: CsvRow): string[] {
  const folder = row.cell('folder') || (row.cell('collections').split(',')[0] ?? '');
  return splitFolderPath(folder, '/');
}

// The CSV loses whether a field was hidden, so every field comes back as text.
function fieldsOf(cell: string): ImportedField[] {
  return cell.split('\n').filter((line) => line.trim() !== '').map(fieldOf);
}

// Split at the first ": ", the separator Bitwarden writes after the name.
function fieldOf(line: string): ImportedField {
  const colon = line.indexOf(': ');
  if (colon < 0) return { label: line, value: '', secret: false };
  return { label: line.slice(0, colon), value: line.slice(colon + 2), secret: false };
}
