import { describe, expect, it } from 'vitest';
import { parseBitwardenCsv } from './bitwarden-csv';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk "Zoë" before rebooting.',
  folderPath: ['Work', 'Servers'],
});

const personal = {
  entries: [
    {
      ...buildServer,
      urls: ['https://build.acme.test/login', 'https://ci.acme.test'],
      totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
      customFields: [
        { label: 'Region', value: 'eu-central', secret: false },
        { label: 'Recovery PIN', value: '4711', secret: false },
      ],
    },
    entry({ name: 'ログイン 銀行', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'], folderPath: ['家族 👪'] }),
    entry({ name: 'מפתח Wi-Fi', notes: 'SSID: home\nKey: שלום-123' }),
    buildServer,
    entry({ name: 'Crème brûlée shop', login: 'ana', password: 'naïve-pässword', urls: ['https://crème.example'], folderPath: ['Café'] }),
  ],
  skipped: [
    { position: 5, name: 'Company Visa', reason: 'unsupportedType' },
    { position: 6, name: '', reason: 'empty' },
    { position: 8, name: 'Broken row', reason: 'malformed' },
  ],
};

describe('Bitwarden CSV', () => {
  it('reads the personal export fixture row by row', () => {
    expect(parseBitwardenCsv(readImportFixture('bitwarden/personal.csv'))).toEqual(personal);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseBitwardenCsv(asWindowsFile(readImportFixture('bitwarden/personal.csv')))).toEqual(personal);
  });

  it('files an organisation export under its first collection', () => {
    expect(parseBitwardenCsv(readImportFixture('bitwarden/organization.csv'))).toEqual({
      entries: [entry({ name: 'Postgres primary', login: 'app', password: 'Tr0ub4dor&3', urls: ['postgres://db.acme.test:5432'], totp: 'JBSWY3DPEHPK3PXP', folderPath: ['Engineering', 'Databases'] })],
      skipped: [],
    });
  });

  it.each([
    ['a Chrome export', 'name,url,username,password\nx,https://x.test,a,b\n'],
    ['a JSON file', '{"items":[]}'],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(() => parseBitwardenCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
