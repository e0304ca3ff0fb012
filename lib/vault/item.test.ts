import { describe, expect, expectTypeOf, it } from 'vitest';
import { sealedItemSchema, type SealedItem } from '../contract/items';
import { randomBytes } from '../crypto/bytes';
import { AuthenticationError } from '../crypto/errors';
import { deriveSymmetricKey } from '../crypto/symmetric';
import { moveItem, openItem, revealField, sealNewItem, updateItem, type ItemInput, type ItemRecord, type VaultKey } from './item';

const vaultKey = async (vaultId: string, version = 1): Promise<VaultKey> => ({ vaultId, version, key: await deriveSymmetricKey(randomBytes(32)) });
const work = await vaultKey('vault-work');
const home = await vaultKey('vault-home');

const input: ItemInput = {
  folderId: 'folder-work-sso',
  name: 'Acme',
  login: 'alice@acme.test',
  urls: [{ url: 'https://login.acme.test/', match: 'domain' }],
  fields: [
    { id: 'password', type: 'password', label: 'Password', value: 'correct horse battery staple' },
    { id: 'otp', type: 'totp', label: 'One-time code', value: 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP' },
    { id: 'notes', type: 'notes', label: 'Notes', value: 'recovery phrase: ✓ ünïcode' },
  ],
  tags: ['work'],
  colour: 'blue',
  description: 'SSO account',
  favourite: true,
};

describe('items on the client', () => {
  it('seal and open: every secret reads back, and none is in the record in clear', async () => {
    const record = await sealNewItem(work, 'item-0001', input);
    const opened = await openItem(record, work);
    for (const field of input.fields) expect(await revealField(record, opened, field.id)).toBe(field.value);
    expect(JSON.stringify(record)).not.toContain('correct horse');
    expect(record).toMatchObject({ revision: 1, folderId: 'folder-work-sso', name: 'Acme', login: 'alice@acme.test', tags: ['work'], favourite: true });
  });

  it('a record is exactly what the contract calls a SealedItem, and passes its schema', async () => {
    // Compile-time: tsc fails if either type gains or loses a field or narrows one.
    expectTypeOf<ItemRecord>().toEqualTypeOf<SealedItem>();
    const accepts = (record: SealedItem): ItemRecord => record;
    const record = await sealNewItem(work, 'item-0001', input);
    expect(sealedItemSchema.parse(accepts(record))).toEqual(record);
    expect(sealedItemSchema.parse(await sealNewItem(work, 'item-0002', { ...input, folderId: null })).folderId).toBeNull();
  });

  it('the folder and favourite flag are not MAC-covered: the server re-filing or unstarring keeps the item readable', async () => {
    const record = await sealNewItem(work, 'item-0001', input);
    expect((await openItem({ ...record, folderId: null }, work)).entryKey).toHaveLength(32);
    expect((await openItem({ ...record, folderId: 'folder-work-other' }, work)).entryKey).toHaveLength(32);
    expect((await openItem({ ...record, favourite: false }, work)).entryKey).toHaveLength(32);
    const refiled = await updateItem(record, work, { folderId: 'folder-work-other' });
    expect(refiled).toMatchObject({ revision: 2, folderId: 'folder-work-other' });
  });

  it.each<[string, (record: ItemRecord) => ItemRecord]>([
    ['rewrites the description', (record) => ({ ...record, description: 'Locked out? Call the helpdesk on +1 555 0100' })],
    ['clears the description', (record) => ({ ...record, description: '' })],
    ['adds a tag', (record) => ({ ...record, tags: [...record.tags, 'verified-by-it'] })],
    ['changes the colour', (record) => ({ ...record, colour: 'red' })],
    ['removes the colour', (record) => ({ ...record, colour: null })],
    ['renames a field label', (record) => ({ ...record, fields: record.fields.map((field) => (field.id === 'password' ? { ...field, label: 'Old password (unused)' } : field)) })],
  ])('refuses an item whose clear metadata the server %s', async (_what, tamper) => {
    const record = await sealNewItem(work, 'item-0001', input);
    expect((await openItem(record, work)).entryKey).toHaveLength(32);
    await expect(openItem(tamper(record), work)).rejects.toThrow(AuthenticationError);
  });

  it('refuses an item whose URL, match rule or login the server rewrote', async () => {
    const record = await sealNewItem(work, 'item-0001', input);
    await expect(openItem({ ...record, urls: [{ url: 'https://evil.test/', match: 'domain' }] }, work)).rejects.toThrow(AuthenticationError);
    await expect(openItem({ ...record, urls: [{ url: 'https://login.acme.test/', match: 'regex' }] }, work)).rejects.toThrow(AuthenticationError);
    await expect(openItem({ ...record, login: 'mallory@acme.test' }, work)).rejects.toThrow(AuthenticationError);
  });

  it('refuses ciphertexts the server swapped between two items or two fields', async () => {
    const first = await sealNewItem(work, 'item-0001', input);
    const second = await sealNewItem(work, 'item-0002', { ...input, fields: [{ id: 'password', type: 'password', label: 'Password', value: 'another secret' }] });
    const swapped = { ...first, fields: first.fields.map((field) => (field.id === 'password' ? { ...field, value: second.fields[0]!.value } : field)) };
    await expect(revealField(swapped, await openItem(swapped, work), 'password')).rejects.toThrow(AuthenticationError);
    const crossed = { ...first, fields: first.fields.map((field) => (field.id === 'password' ? { ...field, value: first.fields[2]!.value } : field)) };
    await expect(revealField(crossed, await openItem(crossed, work), 'password')).rejects.toThrow(AuthenticationError);
    await expect(openItem({ ...first, entryKey: second.entryKey }, work)).rejects.toThrow(AuthenticationError);
  });

  it('an update is the next revision under the same entry key; the old record stays a readable revision', async () => {
    const first = await sealNewItem(work, 'item-0001', input);
    const second = await updateItem(first, work, { login: 'alice2@acme.test' });
    expect(second.revision).toBe(2);
    expect(await revealField(second, await openItem(second, work), 'password')).toBe('correct horse battery staple');
    expect((await openItem(first, work)).entryKey).toEqual((await openItem(second, work)).entryKey);
    // A server replaying revision 1 as if it were revision 2 is caught by the MAC.
    await expect(openItem({ ...first, revision: 2 }, work)).rejects.toThrow(AuthenticationError);
  });

  it("refuses the current metadata served with the previous revision's encrypted password (a silent rollback)", async () => {
    const first = await sealNewItem(work, 'item-0001', input);
    const second = await updateItem(first, work, { fields: [{ ...input.fields[0]!, value: 'new password' }, ...input.fields.slice(1)] });
    expect(await revealField(second, await openItem(second, work), 'password')).toBe('new password');
    const rolledBack = { ...second, fields: second.fields.map((field) => (field.id === 'password' ? first.fields[0]! : field)) };
    // Field ids, types and labels are unchanged, so the metadata MAC passes: only the field context,
    // which names the revision, tells the old ciphertext apart.
    const opened = await openItem(rolledBack, work);
    await expect(revealField(rolledBack, opened, 'password')).rejects.toThrow(AuthenticationError);
    await expect(updateItem(rolledBack, work, { name: 'Acme (renamed)' })).rejects.toThrow(AuthenticationError);
  });

  it('a move re-wraps the entry key and re-binds every field to the target vault', async () => {
    const record = await sealNewItem(work, 'item-0001', input);
    const moved = await moveItem(record, work, home, 'folder-home-01');
    expect(moved).toMatchObject({ vaultId: 'vault-home', folderId: 'folder-home-01', revision: 2 });
    expect(await revealField(moved, await openItem(moved, home), 'notes')).toBe('recovery phrase: ✓ ünïcode');
    // The old vault's key no longer unwraps the entry key, whether or not the vault id is relabelled.
    await expect(openItem(moved, work)).rejects.toThrow(RangeError);
    await expect(openItem({ ...moved, vaultId: 'vault-work' }, work)).rejects.toThrow(AuthenticationError);
  });

  it('a move files the item at the target vault root unless a folder there is named', async () => {
    const record = await sealNewItem(work, 'item-0001', input);
    expect((await moveItem(record, work, home)).folderId).toBeNull();
    expect((await moveItem(record, work, home, null)).folderId).toBeNull();
  });

  it('refuses two fields with one id', async () => {
    await expect(sealNewItem(work, 'item-0001', { ...input, fields: [input.fields[0]!, input.fields[0]!] })).rejects.toThrow(RangeError);
  });
});
