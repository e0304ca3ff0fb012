import { describe, expect, it } from 'vitest';
import { duplicateKey } from './duplicate-key';
import type { ImportedEntry } from './imported-entry';
import { newImportedEntry as entry } from './new-entry';

const mail = entry({ name: 'Mail', login: 'ana@acme.test', password: 'one', urls: ['https://mail.acme.test/login'] });

describe('duplicateKey', () => {
  it.each<[string, ImportedEntry]>([
    ['another password, note, folder, tag or field', { ...mail, password: 'two', notes: 'n', folderPath: ['Work'], tags: ['t'], customFields: [{ label: 'a', value: 'b', secret: false }] }],
    ['another path, scheme or port on the same host', { ...mail, urls: ['http://mail.acme.test:8443/other', 'https://elsewhere.test'] }],
    ['"www." before the host', { ...mail, urls: ['https://www.mail.acme.test'] }],
    ['other case and spacing in the name and login', { ...mail, name: '  MAIL ', login: 'Ana@Acme.test' }],
  ])('is the same for %s', (_, other) => {
    expect(duplicateKey(other)).toBe(duplicateKey(mail));
  });

  it('is the same for a name in another Unicode form (é composed or as e + accent)', () => {
    expect(duplicateKey(entry({ name: 'Cafe\u0301' }))).toBe(duplicateKey(entry({ name: 'Caf\u00e9' })));
  });

  it.each<[string, ImportedEntry]>([
    ['another name', { ...mail, name: 'Mail 2' }],
    ['another login', { ...mail, login: 'bob@acme.test' }],
    ['another host', { ...mail, urls: ['https://webmail.acme.test'] }],
    ['no URL at all', { ...mail, urls: [] }],
  ])('differs for %s', (_, other) => {
    expect(duplicateKey(other)).not.toBe(duplicateKey(mail));
  });

  it('cannot be forged by a separator inside a field', () => {
    expect(duplicateKey(entry({ name: 'a","b', login: '' }))).not.toBe(duplicateKey(entry({ name: 'a', login: 'b' })));
  });
});
