import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import type { ParsedImport } from './imported-entry';
import { newImportedEntry, nonBlank, splitFolderPath } from './new-entry';

// KeePassXC's "Export to CSV" (docs/import.md "KeePassXC CSV"): one entry per row, its group as a
// "/"-separated path that starts with the database's root group.
const REQUIRED = ['group', 'title', 'username', 'password', 'url', 'notes'];
const RECYCLE_BIN = 'Recycle Bin';

/** The entries of a KeePassXC CSV export, leaving out the recycle bin; throws ImportFormatError when its columns are not KeePassXC's. */
export function parseKeepassxcCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('keepassxc-csv', file, REQUIRED, 'title');
  const records = table.rows.filter((row) => !inRecycleBin(row)).map((row) => ({ position: row.position, name: row.cell('title'), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function readRow(row: CsvRow): RecordOutcome {
  return newImportedEntry({
    name: row.cell('title'),
    login: row.cell('username'),
    password: row.cell('password'),
    urls: nonBlank([row.cell('url')]),
    notes: row.cell('notes'),
    totp: row.cell('totp').trim(),
    folderPath: groupPath(row).slice(1),
    tags: nonBlank(row.cell('tags').split(/[;,]/)),
  });
}

function groupPath(row: CsvRow): string[] {
  return splitFolderPath(row.cell('group'), '/');
}

// Deleted entries wait in the recycle bin, a group directly under the root; they were thrown away.
function inRecycleBin(row: CsvRow): boolean {
  return groupPath(row)[1] === RECYCLE_BIN;
}
