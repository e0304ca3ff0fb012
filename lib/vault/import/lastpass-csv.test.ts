import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './imported-entry';
import { parseLastpassCsv } from './lastpass-csv';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.',
  totp: 'JBSWY3DPEHPK3PXP',
  folderPath: ['Work', 'Servers'],
});

const exported = {
  entries: [
    buildServer,
    entry({ name: 'ログイン 銀行', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'], folderPath: ['Shared-家族'] }),
    entry({ name: 'מפתח Wi-Fi', notes: 'SSID: home\nKey: שלום-123' }),
    entry({ name: 'Router', login: 'router-admin', password: 'Ω-router' }),
    buildServer,
  ],
  skipped: [
    { position: 5, name: 'Company Visa', reason: 'unsupportedType' },
    { position: 6, name: '', reason: 'empty' },
    { position: 9, name: 'Broken, not closed\n', reason: 'malformed' },
  ],
};

describe('LastPass CSV', () => {
  it('reads the fixture: backslash folders, secure notes, typed notes left out, "http://" as no URL', () => {
    expect(parseLastpassCsv(readImportFixture('lastpass/export.csv'))).toEqual(exported);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseLastpassCsv(asWindowsFile(readImportFixture('lastpass/export.csv')))).toEqual(exported);
  });

  it('reads an older export without the totp column', () => {
    expect(parseLastpassCsv(utf8('url,username,password,extra,name,grouping,fav\nhttps://a.test,ana,pw,,A,,0\n')).entries).toEqual([entry({ name: 'A', login: 'ana', password: 'pw', urls: ['https://a.test'] })]);
  });

  it.each([
    ['a Chrome export', 'name,url,username,password\nx,https://x.test,a,b\n'],
    ['a 1Password .1pux zip', 'PK\u0003\u0004'],
  ])('refuses %s', (_, text) => {
    expect(() => parseLastpassCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
