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

describe('LastPass CSV written HTML-escaped by the browser extension', () => {
  it('turns the escapes back into characters when the whole file is escaped', () => {
    expect(parseLastpassCsv(readImportFixture('lastpass/extension-export.csv')).entries).toEqual([
      entry({ name: 'Shop & more', login: 'ana', password: '6t1J,>AV&onp', urls: ['https://shop.example/login?next=a&b=c'], notes: "Tom & Jerry's\n<b>notes</b>", folderPath: ['Home & Family'] }),
      entry({ name: 'Mail', login: 'ana', password: 'plain-pass', urls: ['https://mail.example'] }),
    ]);
  });

  it('keeps "&amp;" as written when the file also has a bare "&", so it was not escaped', () => {
    const { entries } = parseLastpassCsv(utf8('url,username,password,extra,name,grouping,fav\nhttps://a.test/?x=1&y=2,ana,p&amp;w,,A,,0\n'));
    expect(entries[0]?.password).toBe('p&amp;w');
  });
});
