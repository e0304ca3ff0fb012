import { describe, expect, it } from 'vitest';
import { parseBitwardenJson } from './bitwarden-json';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.\n',
  folderPath: ['Work', 'Servers'],
});

describe('Bitwarden JSON', () => {
  it('reads the personal export fixture entry by entry', () => {
    const { entries, skipped } = parseBitwardenJson(readImportFixture('bitwarden/personal.json'));
    expect(entries).toEqual([
      {
        ...buildServer,
        urls: ['https://build.acme.test/login', 'https://ci.acme.test'],
        totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
        customFields: [
          { label: 'Recovery PIN', value: '4711', secret: true },
          { label: 'Region', value: 'eu-central', secret: false },
          { label: 'Auto-login', value: 'true', secret: false },
        ],
      },
      entry({ name: 'ログイン 銀行', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'], folderPath: ['家族 👪'] }),
      entry({ name: 'מפתח Wi-Fi', notes: 'SSID: home\nKey: שלום-123' }),
      buildServer,
    ]);
    expect(skipped).toEqual([
      { position: 4, name: 'Company Visa', reason: 'unsupportedType' },
      { position: 5, name: '', reason: 'empty' },
      { position: 6, name: '', reason: 'malformed' },
      { position: 8, name: 'My identity', reason: 'unsupportedType' },
    ]);
  });

  it('files an organisation export under its first collection, nested by "/"', () => {
    const { entries, skipped } = parseBitwardenJson(readImportFixture('bitwarden/organization.json'));
    expect(entries).toEqual([
      entry({ name: 'Postgres primary', login: 'app', password: 'Tr0ub4dor&3', urls: ['postgres://db.acme.test:5432'], totp: 'JBSWY3DPEHPK3PXP', folderPath: ['Engineering', 'Databases'] }),
    ]);
    expect(skipped).toEqual([]);
  });

  it('refuses an encrypted export and says how to get a readable one', () => {
    expect(() => parseBitwardenJson(readImportFixture('bitwarden/encrypted.json'))).toThrow(/encrypted Bitwarden export.*unencrypted/);
  });

  it.each([
    ['not JSON', 'folder,name\nWork,x'],
    ['a JSON list', '[]'],
    ['an object without items', '{"folders":[]}'],
    ['empty', ''],
  ])('refuses a file that is %s', (_, text) => {
    expect(() => parseBitwardenJson(utf8(text))).toThrow(ImportFormatError);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const { entries } = parseBitwardenJson(utf8('{"items":[{"type":1,"name":"A","login":{"username":"a"}}]}', true));
    expect(entries).toEqual([entry({ name: 'A', login: 'a' })]);
  });

  it('reads all of a 10,000-entry export, in order', () => {
    const items = Array.from({ length: 10_000 }, (_, index) => ({ type: 1, name: `Site ${index}`, login: { username: `user${index}`, password: `pw${index}`, uris: [{ uri: `https://site${index}.test` }] } }));
    const { entries, skipped } = parseBitwardenJson(utf8(JSON.stringify({ encrypted: false, items })));
    expect(skipped).toEqual([]);
    expect(entries).toHaveLength(10_000);
    expect(entries[9_999]).toEqual(entry({ name: 'Site 9999', login: 'user9999', password: 'pw9999', urls: ['https://site9999.test'] }));
  });
});
