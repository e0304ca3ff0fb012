import { describe, expect, it } from 'vitest';
import { parseFirefoxCsv } from './firefox-csv';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const mozilla = entry({ name: 'www.mozilla.org', login: 'ana', password: 'Mozi,lla "pass"', urls: ['https://www.mozilla.org'] });

const logins = {
  entries: [
    mozilla,
    entry({ name: 'router.home.arpa', login: 'admin', password: 'Ω-router', urls: ['https://router.home.arpa'], customFields: [{ label: 'HTTP realm', value: 'Router Admin Realm', secret: false }] }),
    entry({ name: 'xn--mller-kva.example', login: 'müller', password: 'Straße-42', urls: ['https://xn--mller-kva.example'] }),
    mozilla,
    entry({ name: 'forum.example.il', login: 'דוד', password: 'סיסמה 🙂 كلمة', urls: ['https://forum.example.il'] }),
  ],
  skipped: [
    { position: 4, name: 'firefoxaccounts', reason: 'unsupportedType' },
    { position: 6, name: '', reason: 'empty' },
  ],
};

describe('Firefox CSV', () => {
  it('reads the fixture, naming each login after its host and leaving out the Firefox account key', () => {
    expect(parseFirefoxCsv(readImportFixture('firefox/logins.csv'))).toEqual(logins);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseFirefoxCsv(asWindowsFile(readImportFixture('firefox/logins.csv')))).toEqual(logins);
  });

  it.each([
    ['a KeePass XML file', '<?xml version="1.0"?><KeePassFile/>'],
    ['a LastPass export without a password column', 'url,username,extra\nx,y,z'],
  ])('refuses %s', (_, text) => {
    expect(() => parseFirefoxCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
