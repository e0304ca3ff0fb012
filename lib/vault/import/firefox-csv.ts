import { collectRecords, type RecordOutcome } from './collect-records';
import { readCsvTable, type CsvRow } from './csv-table';
import type { ParsedImport } from './imported-entry';
import { newImportedEntry, nonBlank } from './new-entry';
import { urlHost } from './url-host';

// Firefox's "Export Logins" file (docs/import.md "Firefox CSV"): one saved login per row, named by
// nothing but its origin.
const REQUIRED = ['url', 'username', 'password'];

// Firefox keeps its own Sync account key among the logins; it opens no website.
const FIREFOX_ACCOUNT_ORIGIN = 'chrome://firefoxaccounts';

/** The entries of a Firefox logins export; throws ImportFormatError when its columns are not Firefox's. */
export function parseFirefoxCsv(file: Uint8Array): ParsedImport {
  const table = readCsvTable('firefox-csv', file, REQUIRED, 'url');
  const records = table.rows.map((row) => ({ position: row.position, name: urlHost(row.cell('url')), value: row }));
  return collectRecords(records, readRow, table.malformed);
}

function readRow(row: CsvRow): RecordOutcome {
  const url = row.cell('url');
  if (url.trim().toLowerCase().startsWith(FIREFOX_ACCOUNT_ORIGIN)) return 'unsupportedType';
  const realm = row.cell('httpRealm');
  return newImportedEntry({
    name: urlHost(url),
    login: row.cell('username'),
    password: row.cell('password'),
    urls: nonBlank([url]),
    customFields: realm ? [{ label: 'HTTP realm', value: realm, secret: false }] : [],
  });
}
