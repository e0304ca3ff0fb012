import Papa from 'papaparse';
import { type ImportFormat, ImportFormatError, type ImportSkip } from './imported-entry';
import { decodeImportText } from './import-text';

/** One data row, read by column name. */
export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the header is row 1, blank lines count. */
  position: number;
  /** The cell under `column` (matched case-insensitively); '' when the file has no such column. */
  cell(column: string): string;
  /** Every cell with its header as the file spells it, in file order. */
  cells: { column: string; value: string }[];
}

/** The readable rows of a CSV file, and the rows that could not be read. */
export interface CsvTable {
  rows: CsvRow[];
  malformed: ImportSkip[];
}

/**
 * Reads an RFC 4180 CSV file (quoted fields with commas, quotes and line breaks; CRLF or LF; a
 * leading BOM) whose first row names the columns. Columns are found by name, never by position,
 * because exporters add and reorder columns between versions. Throws ImportFormatError when a
 * `required` column is missing: that is how a file of another format is told apart.
 */
export function readCsvTable(format: ImportFormat, file: Uint8Array, required: readonly string[], nameColumn: string): CsvTable {
  const parsed = Papa.parse<string[]>(decodeImportText(file), { delimiter: ',', skipEmptyLines: false });
  const [header, ...data] = parsed.data;
  if (!header || header.every((title) => title.trim() === '')) throw new ImportFormatError(format, 'the file is empty');
  const columns = header.map((title) => title.trim());
  const index = columnIndex(columns);
  const missing = required.filter((column) => !index.has(column));
  if (missing.length > 0) throw new ImportFormatError(format, `it has no ${missing.map((column) => `"${column}"`).join(', ')} column (expected ${required.join(', ')})`);
  const unreadable = new Set(parsed.errors.map((error) => error.row).filter((row): row is number => row !== undefined));
  const table: CsvTable = { rows: [], malformed: [] };
  data.forEach((cells, dataIndex) => {
    const position = dataIndex + 2;
    if (cells.length === 1 && cells[0] === '') return;
    const row = csvRow(position, columns, index, cells.map(normaliseLineBreaks));
    if (unreadable.has(dataIndex + 1) || cells.length !== columns.length) table.malformed.push({ position, name: row.cell(nameColumn), reason: 'malformed' });
    else table.rows.push(row);
  });
  return table;
}

// The first of two columns with the same name wins, as a reader scanning left to right would expect.
function columnIndex(columns: string[]): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((column, position) => {
    const key = column.toLowerCase();
    if (!index.has(key)) index.set(key, position);
  });
  return index;
}

function csvRow(position: number, columns: string[], index: Map<string, number>, values: string[]): CsvRow {
  return {
    position,
    cell: (column) => values[index.get(column.toLowerCase()) ?? -1] ?? '',
    cells: values.map((value, at) => ({ column: columns[at] ?? '', value })),
  };
}

// A note written on Windows keeps its line breaks as \n, like every other note in the vault.
function normaliseLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}
