import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ImportFormat, ImportFormatError, type ParsedImport } from './imported-entry';
import { IMPORT_FORMATS, parseImport } from './parse-import';
import { readImportFixture } from './testing/import-fixture';

// A user may pick any file under any format. Whatever the bytes, a parser either reads what it can
// (reporting the rest as skipped) or says the file is not its format: it never fails another way.

const FIXTURES: Record<ImportFormat, () => Uint8Array> = {
  'bitwarden-json': () => readImportFixture('bitwarden/personal.json'),
  'bitwarden-csv': () => readImportFixture('bitwarden/personal.csv'),
  '1password-1pux': () => zipSync({ 'export.data': readImportFixture('1password/export.data') }),
  '1password-csv': () => readImportFixture('1password/export.csv'),
  'lastpass-csv': () => readImportFixture('lastpass/export.csv'),
  'keepass-xml': () => readImportFixture('keepass/database.xml'),
  'keepassxc-csv': () => readImportFixture('keepassxc/export.csv'),
  'chrome-csv': () => readImportFixture('chrome/passwords.csv'),
  'firefox-csv': () => readImportFixture('firefox/logins.csv'),
};

async function outcome(format: ImportFormat, file: Uint8Array): Promise<ParsedImport | ImportFormatError> {
  try {
    return await parseImport(format, file);
  } catch (error) {
    if (error instanceof ImportFormatError) return error;
    throw error;
  }
}

describe.each(IMPORT_FORMATS.map((format) => format.id))('%s parser', (format) => {
  it('reads or refuses, never crashes on, its own fixture cut short or with bytes changed', async () => {
    const fixture = FIXTURES[format]();
    await fc.assert(
      fc.asyncProperty(fc.nat(fixture.length), fc.array(fc.tuple(fc.nat(fixture.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), async (cut, changes) => {
        const file = fixture.slice(0, cut);
        for (const [at, byte] of changes) if (at < file.length) file[at] = byte;
        const result = await outcome(format, file);
        if (!(result instanceof ImportFormatError)) expect(Array.isArray(result.entries) && Array.isArray(result.skipped)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it.each(IMPORT_FORMATS.map((other) => other.id).filter((other) => other !== format))('reads or refuses, never crashes on, a %s file', async (other) => {
    expect(await outcome(format, FIXTURES[other]())).toBeDefined();
  });
});
