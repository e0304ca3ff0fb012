import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes';
import { AuthenticationError } from '../crypto/errors';
import { deriveSymmetricKey } from '../crypto/symmetric';
import { moveItem, openItem, revealField, sealNewItem, updateItem, type ItemInput, type ItemRecord, type VaultKey } from './item';
import { openSnapshot, restoreSnapshot } from './snapshot';

const vaultKey = async (vaultId: string): Promise<VaultKey> => ({ vaultId, version: 1, key: await deriveSymmetricKey(randomBytes(32)) });
const work = await vaultKey('vault-work');
const home = await vaultKey('vault-home');

const input: ItemInput = {
  folderId: 'folder-work-sso',
  name: 'Acme',
  login: 'alice@acme.test',
  urls: [{ url: 'https://login.acme.test/', match: 'domain' }],
  fields: [{ id: 'password', type: 'password', label: 'Password', value: 'old password' }],
  tags: ['work'],
  colour: 'blue',
  description: 'SSO account',
  favourite: true,
};

/** Revision 1 in work, 2 with a new password and name, 3 moved to home (folder-home-01). */
async function history(): Promise<[ItemRecord, ItemRecord, ItemRecord]> {
  const first = await sealNewItem(work, 'item-0001', input);
  const second = await updateItem(first, work, { name: 'Acme (new)', tags: [], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'new password' }] });
  const third = await moveItem(second, work, home, 'folder-home-01');
  return [first, second, third];
}

describe('snapshots', () => {
  it('an earlier revision opens with the current entry key after an update', async () => {
    const [first, second] = await history();
    const { entryKey } = await openItem(second, work);
    const opened = await openSnapshot(first, entryKey);
    expect(opened).toMatchObject({ itemId: 'item-0001', vaultId: 'vault-work', revision: 1, name: 'Acme', tags: ['work'], folderId: 'folder-work-sso' });
    expect(opened.fields).toEqual([{ id: 'password', type: 'password', label: 'Password', value: 'old password' }]);
  });

  it('a revision from before a move opens with the entry key from the new vault', async () => {
    const [first, second, third] = await history();
    // The home key cannot unwrap the old revisions' entry keys: only the unchanged entry key reaches them.
    await expect(openItem(first, home)).rejects.toThrow(RangeError);
    const { entryKey } = await openItem(third, home);
    expect((await openSnapshot(second, entryKey)).fields[0]!.value).toBe('new password');
    expect((await openSnapshot(first, entryKey)).fields[0]!.value).toBe('old password');
  });

  it('refuses a snapshot opened with another entry key', async () => {
    const [first] = await history();
    await expect(openSnapshot(first, randomBytes(32))).rejects.toThrow(AuthenticationError);
  });

  it.each<[string, (snapshot: ItemRecord) => ItemRecord]>([
    ['a rewritten URL', (snapshot) => ({ ...snapshot, urls: [{ url: 'https://evil.test/', match: 'domain' }] })],
    ['a loosened match rule', (snapshot) => ({ ...snapshot, urls: [{ url: 'https://login.acme.test/', match: 'regex' }] })],
    ['another revision number', (snapshot) => ({ ...snapshot, revision: 2 })],
    ['another vault id', (snapshot) => ({ ...snapshot, vaultId: 'vault-home' })],
    // A restore re-seals what it reads, so a planted description or label would come back under a fresh MAC.
    ['a planted description', (snapshot) => ({ ...snapshot, description: 'Locked out? Call +1 555 0100' })],
    ['an added tag', (snapshot) => ({ ...snapshot, tags: [...snapshot.tags, 'verified'] })],
    ['a relabelled field', (snapshot) => ({ ...snapshot, fields: snapshot.fields.map((field) => ({ ...field, label: 'Old password (unused)' })) })],
  ])('refuses a snapshot with %s, and will not restore it', async (_, tamper) => {
    const [first, , third] = await history();
    const { entryKey } = await openItem(third, home);
    await expect(openSnapshot(tamper(first), entryKey)).rejects.toThrow(AuthenticationError);
    await expect(restoreSnapshot(third, home, tamper(first))).rejects.toThrow(AuthenticationError);
  });

  it('refuses a snapshot whose field ciphertext was sealed in another vault', async () => {
    const [first, , third] = await history();
    const { entryKey } = await openItem(third, home);
    // Same item, same entry key: only the field context, which names the vault and revision, tells them apart.
    await expect(openSnapshot({ ...first, fields: third.fields }, entryKey)).rejects.toThrow(AuthenticationError);
  });

  it.each<[string, (records: ItemRecord[]) => ItemRecord]>([
    ["revision 1's metadata with revision 2's fields", ([first, second]) => ({ ...first!, fields: second!.fields })],
    ["revision 2's metadata with revision 1's fields (a rolled-back password)", ([first, second]) => ({ ...second!, fields: first!.fields })],
  ])('refuses a snapshot of %s, and will not restore it', async (_, mix) => {
    const records = await history();
    const { entryKey } = await openItem(records[2], home);
    // Same vault, item, entry key and field ids: only the revision in the field context differs.
    expect((await openSnapshot(records[0], entryKey)).fields[0]!.value).toBe('old password');
    expect((await openSnapshot(records[1], entryKey)).fields[0]!.value).toBe('new password');
    await expect(openSnapshot(mix(records), entryKey)).rejects.toThrow(AuthenticationError);
    await expect(restoreSnapshot(records[2], home, mix(records))).rejects.toThrow(AuthenticationError);
  });

  it('a restore is the next revision, in the current vault and folder, with the old content', async () => {
    const [first, , third] = await history();
    const restored = await restoreSnapshot(third, home, first);
    expect(restored).toMatchObject({ id: 'item-0001', revision: 4, vaultId: 'vault-home', folderId: 'folder-home-01', name: 'Acme', tags: ['work'], colour: 'blue' });
    const opened = await openItem(restored, home);
    expect(await revealField(restored, opened, 'password')).toBe('old password');
    expect(opened.entryKey).toEqual((await openItem(third, home)).entryKey);
  });

  it("refuses to restore another item's snapshot", async () => {
    const [, , third] = await history();
    const other = await sealNewItem(home, 'item-0002', input);
    await expect(restoreSnapshot(third, home, other)).rejects.toThrow(RangeError);
  });
});
