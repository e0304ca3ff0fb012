import { describe, expect, it } from 'vitest';
import { parseChromeCsv } from './chrome-csv';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const google = entry({
  name: 'accounts.google.com',
  login: 'ana.nunez@gmail.com',
  password: 'g00gle, "quoted" pass',
  urls: ['https://accounts.google.com/signin'],
  notes: 'Recovery codes in the safe.\nSecond line: 日本語 ✓',
});

const chrome = {
  entries: [
    google,
    entry({ name: 'shop.example.de', login: 'jürgen', password: 'Grüße!1', urls: ['https://shop.example.de/login'] }),
    entry({ name: 'bank.example.jp', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'] }),
    google,
    entry({ name: 'com.example.app', login: 'ana', password: '😀emoji-pass', urls: ['android://R2VudWluZUhhc2g=@com.example.app/'] }),
    entry({ name: 'forum.example.il', login: 'דוד', password: 'סיסמה, "סודית"', urls: ['https://forum.example.il/התחברות'], notes: 'הערה בעברית\n🙂 second line' }),
  ],
  skipped: [
    { position: 5, name: '', reason: 'empty' },
    { position: 8, name: 'broken.example', reason: 'malformed' },
  ],
};

describe('Chrome and Edge CSV', () => {
  it('reads the Chrome fixture, naming a nameless row after its host', () => {
    expect(parseChromeCsv(readImportFixture('chrome/passwords.csv'))).toEqual(chrome);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseChromeCsv(asWindowsFile(readImportFixture('chrome/passwords.csv')))).toEqual(chrome);
  });

  it('reads an Edge export, which has no note column', () => {
    expect(parseChromeCsv(readImportFixture('chrome/edge-passwords.csv'))).toEqual({
      entries: [
        entry({ name: 'login.live.com', login: 'ana@outlook.com', password: 'Edge-P@ss', urls: ['https://login.live.com/'] }),
        entry({ name: 'intranet.acme.test', password: 'pass-without-login', urls: ['http://intranet.acme.test:8080/'] }),
      ],
      skipped: [],
    });
  });

  it.each([
    ['a Firefox export', '"url","username","password"\n"https://x.test","a","b"\n'],
    ['a Bitwarden JSON file', '{"items":[]}'],
  ])('refuses %s', (_, text) => {
    expect(() => parseChromeCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
