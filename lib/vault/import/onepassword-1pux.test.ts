import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { parseOnepassword1pux } from './onepassword-1pux';
import { readImportFixture, utf8 } from './testing/import-fixture';

// The .1pux is built here from the hand-written export.data beside it, so the fixture stays
// readable in review; the zip layout is 1Password's (docs/import.md "1Password .1pux").
function onePux(exportData: Uint8Array = readImportFixture('1password/export.data')): Uint8Array {
  return zipSync({ 'export.attributes': readImportFixture('1password/export.attributes'), 'export.data': exportData, files: {} });
}

const duplicate = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.',
  folderPath: ['Work'],
});

describe('1Password .1pux', () => {
  it('reads the fixture item by item, each vault as a folder', () => {
    expect(parseOnepassword1pux(onePux())).toEqual({
      entries: [
        {
          ...duplicate,
          urls: ['https://build.acme.test/login', 'https://ci.acme.test'],
          totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
          tags: ['work', 'servers/ci'],
          customFields: [
            { label: 'tenant', value: 'ACME-EU', secret: false },
            { label: 'Recovery PIN', value: '4711', secret: true },
            { label: 'Region', value: 'eu-central', secret: false },
            { label: 'Contact', value: 'ops@acme.test', secret: false },
            { label: 'Installed', value: '2024-06-01', secret: false },
            { label: 'Backup one-time password', value: 'KRSXG5CTMVRXEZLU', secret: true },
          ],
        },
        duplicate,
        entry({ name: 'מפתח Wi-Fi', notes: 'SSID: home\nKey: שלום-123', folderPath: ['家族 👪'], tags: ['家'] }),
        entry({ name: 'Router', password: '秘密🔑', folderPath: ['家族 👪'] }),
      ],
      skipped: [
        { position: 2, name: 'Company Visa', reason: 'unsupportedType' },
        { position: 6, name: '', reason: 'empty' },
        { position: 7, name: '', reason: 'malformed' },
      ],
    });
  });

  it('puts the items of a single vault at the top level', () => {
    const data = JSON.stringify({ accounts: [{ vaults: [{ attrs: { name: 'Private' }, items: [{ categoryUuid: '005', overview: { title: 'A' }, details: { password: 'pw' } }] }] }] });
    expect(parseOnepassword1pux(onePux(utf8(data))).entries).toEqual([entry({ name: 'A', password: 'pw' })]);
  });

  it.each([
    ['not a zip', utf8('{"accounts":[]}')],
    ['a zip without export.data', zipSync({ 'other.json': strToU8('{}') })],
    ['a zip whose export.data is not JSON', zipSync({ 'export.data': strToU8('<xml/>') })],
    ['a zip whose export.data has no accounts', zipSync({ 'export.data': strToU8('{"items":[]}') })],
  ])('refuses a file that is %s', (_, file) => {
    expect(() => parseOnepassword1pux(file)).toThrow(ImportFormatError);
  });
});
