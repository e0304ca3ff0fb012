import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './imported-entry';
import { parseKeepassXml } from './keepass-xml';
import { newImportedEntry as entry } from './new-entry';
import { asWindowsFile, readImportFixture, utf8 } from './testing/import-fixture';

const buildServer = entry({
  name: 'Build server',
  login: 'ci-admin',
  password: 'p@ss, "word" 1',
  urls: ['https://build.acme.test/login'],
  notes: 'Rack 4, second shelf.\nAsk Zoë before rebooting.',
  folderPath: ['Work', 'Servers'],
});

const database = {
  entries: [
    entry({ name: 'Mail', login: 'ana@acme.test', password: ' M@il & "quoted" <pass> ', urls: ['https://mail.acme.test'], tags: ['mail', 'personal'] }),
    {
      ...buildServer,
      urls: ['https://build.acme.test/login', 'https://ci.acme.test'],
      totp: 'otpauth://totp/Acme:ci-admin?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
      tags: ['work', 'servers'],
      customFields: [
        { label: 'Recovery PIN', value: '4711', secret: true },
        { label: 'Region', value: 'eu-central', secret: false },
      ],
    },
    buildServer,
    entry({
      name: 'ログイン 銀行',
      login: '山田',
      password: '秘密🔑',
      urls: ['https://bank.example.jp'],
      totp: `otpauth://totp/${encodeURIComponent('ログイン 銀行')}?secret=KRSXG5CTMVRXEZLU&digits=8&algorithm=SHA256`,
      folderPath: ['家族 👪'],
    }),
    entry({ name: 'مفتاح', notes: 'ملاحظة\nسطر ثان', folderPath: ['家族 👪'] }),
  ],
  skipped: [{ position: 2, name: '', reason: 'empty' }],
};

function keePassFile(entries: string): Uint8Array {
  return utf8(`<?xml version="1.0" encoding="utf-8"?><KeePassFile><Root><Group><Name>Root</Name>${entries}</Group></Root></KeePassFile>`);
}

describe('KeePass 2 XML', () => {
  it('reads the fixture: groups below the root as folders, history and the recycle bin left out', () => {
    expect(parseKeepassXml(readImportFixture('keepass/database.xml'))).toEqual(database);
  });

  it('reads the same file with CRLF line ends and a byte-order mark alike', () => {
    expect(parseKeepassXml(asWindowsFile(readImportFixture('keepass/database.xml')))).toEqual(database);
  });

  // JBSWY3DPEHPK3PXP is the base32 of the bytes "Hello!" DE AD BE EF.
  it.each([
    ['TimeOtp-Secret-Hex', '48656c6c6f21deadbeef', 'JBSWY3DPEHPK3PXP'],
    ['TimeOtp-Secret-Base64', 'SGVsbG8h3q2+7w==', 'JBSWY3DPEHPK3PXP'],
    ['TimeOtp-Secret', 'Hello!', 'JBSWY3DPEE'],
    ['TOTP Seed', 'jbsw y3dp ehpk 3pxp', 'jbswy3dpehpk3pxp'],
  ])('takes a TOTP secret written as %s', (key, value, totp) => {
    const { entries } = parseKeepassXml(keePassFile(`<Entry><String><Key>Title</Key><Value>T</Value></String><String><Key>${key}</Key><Value>${value}</Value></String></Entry>`));
    expect(entries).toEqual([entry({ name: 'T', totp })]);
  });

  it('puts non-default "TOTP Settings" into an otpauth URI', () => {
    const { entries } = parseKeepassXml(keePassFile('<Entry><String><Key>Title</Key><Value>T</Value></String><String><Key>TOTP Seed</Key><Value>JBSWY3DP</Value></String><String><Key>TOTP Settings</Key><Value>60;8</Value></String></Entry>'));
    expect(entries[0]?.totp).toBe('otpauth://totp/T?secret=JBSWY3DP&digits=8&period=60');
  });

  it('reports an entry it cannot read and goes on', () => {
    const { entries, skipped } = parseKeepassXml(keePassFile('<Entry>just text</Entry><Entry><String><Key>Title</Key><Value>Next</Value></String></Entry>'));
    expect(entries).toEqual([entry({ name: 'Next' })]);
    expect(skipped).toEqual([{ position: 1, name: '', reason: 'malformed' }]);
  });

  it.each([
    ['not XML', '{"items":[]}'],
    ['XML of another kind', '<?xml version="1.0"?><html><body/></html>'],
    ['cut off mid-way', '<?xml version="1.0"?><KeePassFile><Root><Group>'],
    ['the inner XML of a .kdbx, its values still encrypted', '<?xml version="1.0"?><KeePassFile><Root><Group><Entry><String><Key>Password</Key><Value Protected="True">q1w2e3==</Value></String></Entry></Group></Root></KeePassFile>'],
    ['a file with a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><KeePassFile/>'],
  ])('refuses %s', (_, text) => {
    expect(() => parseKeepassXml(utf8(text))).toThrow(ImportFormatError);
  });
});
