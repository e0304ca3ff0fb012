import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './imported-entry';
import { parseKeepassxcCsv } from './keepassxc-csv';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.',
  folderPath: ['Work', 'Servers'],
});

const exported = {
  entries: [
    entry({ name: 'Mail', login: 'ana@acme.test', password: 'M@il, "quoted"', urls: ['https://mail.acme.test'] }),
    { ...buildServer, totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=Acme' },
    entry({ name: 'ログイン 銀行', login: '山田', password: '秘密🔑', urls: ['https://bank.example.jp'], folderPath: ['家族 👪'] }),
    buildServer,
    entry({ name: 'مفتاح', login: 'علي', password: 'كلمة-سر', notes: 'ملاحظة' }),
  ],
  skipped: [{ position: 6, name: '', reason: 'empty' }],
};

describe('KeePassXC CSV', () => {
  it('reads the fixture: groups below the root as folders, the recycle bin left out', () => {
    expect(parseKeepassxcCsv(readImportFixture('keepassxc/export.csv'))).toEqual(exported);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseKeepassxcCsv(asWindowsFile(readImportFixture('keepassxc/export.csv')))).toEqual(exported);
  });

  it.each([
    ['a Bitwarden CSV export', 'folder,type,name,notes,login_uri,login_username,login_password\n,login,x,,,,\n'],
    ['a binary file', '\u0000\u0001\u0002'],
  ])('refuses %s', (_, text) => {
    expect(() => parseKeepassxcCsv(utf8(text))).toThrow(ImportFormatError);
  });
});
