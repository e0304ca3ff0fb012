import { describe, expect, it } from 'vitest';
import { utf8 } from '../../crypto/bytes';
import { MalformedError } from '../../crypto/errors';
import { archivePlaintext, readArchivePlaintext } from './archive-contents';
import type { ExportedVault } from './exported-vault';

// The JSON lines inside an archive: what is written reads back the same, and a reader refuses any
// record it does not know (an archive's maker is not trusted to be Keyhold).

const vaults: ExportedVault[] = [
  {
    id: 'v1',
    name: 'Engineering',
    folders: [{ id: 'f1', parentId: null, name: 'Servers ☁' }],
    entries: [{ folderId: 'f1', name: 'Build', login: 'ci', urls: [{ url: 'https://ci.acme.test/', match: 'host' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'p\nw "1"' }], tags: ['ci'], colour: '#ff0000', description: 'd', favourite: true }],
  },
  { id: 'v2', name: 'Empty', folders: [], entries: [] },
];

describe('the archive’s JSON lines', () => {
  it('read back exactly what was written', () => {
    expect(readArchivePlaintext(archivePlaintext(vaults, 1_767_225_600_000))).toEqual({ createdAt: 1_767_225_600_000, vaults });
  });

  it.each([
    ['no archive record first', '{"type":"vault","id":"v1","name":"x"}\n'],
    ['a record before its vault', '{"type":"archive","format":"keyhold-archive","version":1,"createdAt":1}\n{"type":"folder","vaultId":"v9","id":"f","parentId":null,"name":"x"}\n'],
    ['an unknown record', '{"type":"archive","format":"keyhold-archive","version":1,"createdAt":1}\n{"type":"script","code":"x"}\n'],
    ['a field of an unknown type', '{"type":"archive","format":"keyhold-archive","version":1,"createdAt":1}\n{"type":"vault","id":"v1","name":"x"}\n{"type":"entry","vaultId":"v1","folderId":null,"name":"n","login":"","urls":[],"fields":[{"id":"a","type":"html","label":"","value":""}],"tags":[],"colour":null,"description":"","favourite":false}\n'],
    ['a line that is not JSON', '{"type":"archive","format":"keyhold-archive","version":1,"createdAt":1}\n{oops\n'],
    ['a second archive record', '{"type":"archive","format":"keyhold-archive","version":1,"createdAt":1}\n{"type":"archive","format":"keyhold-archive","version":1,"createdAt":2}\n'],
  ])('refuses %s', (_name, text) => {
    expect(() => readArchivePlaintext(utf8(text))).toThrow(MalformedError);
  });
});
