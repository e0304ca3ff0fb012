import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ImportFormat, ImportFormatError } from './imported-entry';
import { IMPORT_FORMATS, parseImport } from './parse-import';
import { readImportFixture, utf8 } from './testing/import-fixture';

// Each format's main fixture and the first entry's name it holds.
const FIXTURES: Record<ImportFormat, [() => Uint8Array, string]> = {
  'bitwarden-json': [() => readImportFixture('bitwarden/personal.json'), 'Build server'],
  'bitwarden-csv': [() => readImportFixture('bitwarden/personal.csv'), 'Build server'],
  '1password-1pux': [() => zipSync({ 'export.data': readImportFixture('1password/export.data') }), 'Build server'],
  '1password-csv': [() => readImportFixture('1password/export.csv'), 'Build server'],
  'lastpass-csv': [() => readImportFixture('lastpass/export.csv'), 'Build server'],
  'keepass-xml': [() => readImportFixture('keepass/database.xml'), 'Mail'],
  'keepassxc-csv': [() => readImportFixture('keepassxc/export.csv'), 'Mail'],
  'chrome-csv': [() => readImportFixture('chrome/passwords.csv'), 'accounts.google.com'],
  'firefox-csv': [() => readImportFixture('firefox/logins.csv'), 'www.mozilla.org'],
};

describe('parseImport', () => {
  it('lists every format once', () => {
    expect(IMPORT_FORMATS.map((format) => format.id).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(IMPORT_FORMATS.map((format) => [format.id, format]))('hands a %s file to its parser', async (id) => {
    const [file, firstName] = FIXTURES[id];
    const { entries } = await parseImport(id, file());
    expect(entries[0]?.name).toBe(firstName);
  });

  it('rejects a file that is not the chosen format', async () => {
    await expect(parseImport('keepass-xml', utf8('name,url,username,password\n'))).rejects.toBeInstanceOf(ImportFormatError);
  });
});
