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
  fields: [{ id: 'password', type: 'password' }],
};
const mac = await macItemMetadata(entryKey, meta);

describe('entry metadata MAC', () => {
  it('verifies the metadata it was made for', async () => {
    await expect(verifyItemMetadata(entryKey, meta, mac)).resolves.toBeUndefined();
  });

  it('is independent of key order in the objects', async () => {
    const reordered: ItemMetadata = { fields: meta.fields, urls: meta.urls, login: meta.login, name: meta.name, revision: meta.revision, itemId: meta.itemId, vaultId: meta.vaultId };
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
    ['a field retyped', { fields: [{ id: 'password', type: 'text' }] }],
  ])('fails when %s', async (_what, change) => {
    await expect(verifyItemMetadata(entryKey, { ...meta, ...change }, mac)).rejects.toThrow(AuthenticationError);
  });

  it('fails under another entry key and for a malformed MAC', async () => {
    await expect(verifyItemMetadata(randomBytes(32), meta, mac)).rejects.toThrow(AuthenticationError);
    await expect(verifyItemMetadata(entryKey, meta, '!!')).rejects.toThrow(MalformedError);
  });
});
