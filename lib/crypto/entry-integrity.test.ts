import { describe, expect, it } from 'vitest';
import { randomBytes } from './bytes';
import { macItemMetadata, verifyItemMetadata, type ItemMetadata } from './entry-integrity';
import { AuthenticationError, MalformedError } from './errors';

const entryKey = randomBytes(32);
const meta: ItemMetadata = {
  vaultId: 'vault-1',
  itemId: 'item-1',
  revision: 3,
  name: 'Acme',
  login: 'alice@acme.test',
  urls: [{ url: 'https://login.acme.test', match: 'domain' }],
  tags: ['work', 'sso'],
  description: 'SSO account',
  colour: 'blue',
  fields: [{ id: 'password', type: 'password', label: 'Password' }],
};
const mac = await macItemMetadata(entryKey, meta);

describe('entry metadata MAC', () => {
  it('verifies the metadata it was made for', async () => {
    await expect(verifyItemMetadata(entryKey, meta, mac)).resolves.toBeUndefined();
  });

  it('is independent of key order in the objects', async () => {
    const { vaultId, itemId, revision, name, login, urls, tags, description, colour, fields } = meta;
    const reordered: ItemMetadata = { fields, colour, description, tags, urls, login, name, revision, itemId, vaultId };
    await expect(verifyItemMetadata(entryKey, reordered, mac)).resolves.toBeUndefined();
  });

  it.each<[string, Partial<ItemMetadata>]>([
    ['the URL pointed at another site', { urls: [{ url: 'https://evil.test', match: 'domain' }] }],
    ['the match rule loosened', { urls: [{ url: 'https://login.acme.test', match: 'regex' }] }],
    ['another URL added', { urls: [...meta.urls, { url: 'https://evil.test', match: 'domain' }] }],
    ['the login changed', { login: 'mallory@acme.test' }],
    ['an old revision replayed', { revision: 2 }],
    ['moved to another vault', { vaultId: 'vault-2' }],
    ['another item id', { itemId: 'item-2' }],
    ['a field retyped', { fields: [{ id: 'password', type: 'text', label: 'Password' }] }],
    ['a field relabelled', { fields: [{ id: 'password', type: 'password', label: 'Old password (unused)' }] }],
    ['the description rewritten', { description: 'Locked out? Call +1 555 0100 to recover' }],
    ['a tag added', { tags: [...meta.tags, 'verified'] }],
    ['a tag removed', { tags: ['work'] }],
    ['the tags reordered', { tags: ['sso', 'work'] }],
    ['the colour changed', { colour: 'red' }],
    ['the colour cleared', { colour: null }],
  ])('fails when %s', async (_what, change) => {
    await expect(verifyItemMetadata(entryKey, { ...meta, ...change }, mac)).rejects.toThrow(AuthenticationError);
  });

  it('covers nothing beyond ItemMetadata: extra properties such as the folder leave the MAC unchanged', async () => {
    const withExtras = { ...meta, folderId: 'folder-1', favourite: true };
    expect(await macItemMetadata(entryKey, withExtras)).toBe(mac);
  });

  it('fails under another entry key and for a malformed MAC', async () => {
    await expect(verifyItemMetadata(randomBytes(32), meta, mac)).rejects.toThrow(AuthenticationError);
    await expect(verifyItemMetadata(entryKey, meta, '!!')).rejects.toThrow(MalformedError);
  });
});
