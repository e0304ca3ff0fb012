import { describe, expect, it } from 'vitest';
import { readCsvTable } from './csv-table';
import { ImportFormatError } from './imported-entry';
import { utf8 } from './testing/import-fixture';

function read(text: string, withBom = false) {
  const table = readCsvTable('chrome-csv', utf8(text, withBom), ['name', 'password'], 'name');
  return { rows: table.rows.map((row) => [row.position, row.cell('name'), row.cell('password'), row.cell('absent')]), malformed: table.malformed };
}

describe('CSV table', () => {
  it('finds columns by name whatever their case, order or surrounding spaces', () => {
    expect(read(' Password ,NAME\nsecret,Site\n').rows).toEqual([[2, 'Site', 'secret', '']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, turning CRLF into LF', () => {
    expect(read('name,password\r\n"A, ""quoted""\r\nname","p,w"\r\n').rows).toEqual([[2, 'A, "quoted"\nname', 'p,w', '']]);
  });

  it('drops a byte-order mark before the first column name', () => {
    expect(read('name,password\nSite,pw\n', true).rows).toEqual([[2, 'Site', 'pw', '']]);
  });

  it('counts rows as a spreadsheet does, blank lines included, and reports a row with the wrong number of cells', () => {
    expect(read('name,password\n\nA,1\nB,2,3\nC\nD,4')).toEqual({
      rows: [
        [3, 'A', '1', ''],
        [6, 'D', '4', ''],
      ],
      malformed: [
        { position: 4, name: 'B', reason: 'malformed' },
        { position: 5, name: 'C', reason: 'malformed' },
      ],
    });
  });

  it('reports a row whose quote never closes, keeping the rows before it', () => {
    expect(read('name,password\nA,1\nB,"open\nC,3\n')).toEqual({ rows: [[2, 'A', '1', '']], malformed: [{ position: 3, name: 'B', reason: 'malformed' }] });
  });

  it('refuses a file without the required columns, naming them', () => {
    expect(() => read('name,url\nx,y')).toThrow(/"password"/);
    expect(() => read('')).toThrow(ImportFormatError);
  });
});
