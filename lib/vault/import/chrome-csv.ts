import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import type { ParsedImport } from './imported-entry';
import { newImportedEntry, nonBlank } from './new-entry';
import { urlHost } from './url-host';

// Chrome's (and Edge's, which shares Chromium's password manager) "Export passwords" file
// (docs/import.md "Chrome and Edge CSV"): one saved password per row; newer versions add "note".
const REQUIRED = ['name', 'url', 'username', 'password'];

/** The entries of a Chrome or Edge password export; throws ImportFormatError when its columns are not Chromium's. */
export function parseChromeCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('chrome-csv', file, REQUIRED, 'name');
  const records = table.rows.map((row) => ({ position: row.position, name: row.cell('name'), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function readRow(row: CsvRow): RecordOutcome {
  const url = row.cell('url');
  return newImportedEntry({
    name: row.cell('name') || urlHost(url),
    login: row.cell('username'),
    password: row.cell('password'),
    urls: nonBlank([url]),
    notes: row.cell('note'),
  });
}
