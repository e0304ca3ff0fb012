import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';
import { parseOnepasswordCsv } from './onepassword-csv';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.',
  totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
  tags: ['work', 'servers/ci'],
});

const exported = {
  entries: [
    buildServer,
    entry({ name: 'ログイン 銀行', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'], tags: ['家族'] }),
    entry({ name: 'Café Olé', password: 'naïve-pässword', notes: 'Menu:\n☕ ×2' }),
    buildServer,
    entry({ name: 'منتدى 🙂', login: 'دود', password: 'كلمة, "سر"', urls: ['https://forum.example.il'], tags: ['عربي'], notes: 'سطر أول\nسطر ثان' }),
  ],
  skipped: [
    { position: 5, name: '', reason: 'empty' },
    { position: 7, name: 'Too many', reason: 'malformed' },
  ],
};

describe('1Password CSV', () => {
  it('reads the fixture row by row', () => {
    expect(parseOnepasswordCsv(readImportFixture('1password/export.csv'))).toEqual(exported);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseOnepasswordCsv(asWindowsFile(readImportFixture('1password/export.csv')))).toEqual(exported);
  });

  it('keeps a column it does not know as a text field', () => {
    const { entries } = parseOnepasswordCsv(utf8('title,url,username,password,Security question,favorite\nA,,ana,pw,First pet?,false\n'));
    expect(entries).toEqual([entry({ name: 'A', login: 'ana', password: 'pw', customFields: [{ label: 'Security question', value: 'First pet?', secret: false }] })]);
  });

  it.each([
    ['a Firefox export', '"url","username","password","httpRealm"\n"https://x.test","a","b",""\n'],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(() => parseOnepasswordCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
