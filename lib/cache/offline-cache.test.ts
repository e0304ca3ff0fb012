import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealedItem } from '../../tests/helpers/vault-fixtures';
import { randomBytes } from '../crypto/bytes';
import { masterKeyFromSeed } from '../crypto/kdf';
import { updateItem } from '../vault/item';
import { listCachedAccounts, openCacheDatabase, readCachedProfile, type CacheDatabase } from './cache-database';
import { CacheCorruptError, CacheNotFoundError, SyncRollbackError, WrongMasterKeyError } from './errors';
import { createAccountCache, forgetAccount, openAccountCache } from './offline-cache';
import { createTestAccount, served, syncResponse, type TestAccount, type TestVault } from './test-account';

// The offline cache as the worker uses it: created at the first online unlock, filled by a full
// sync, kept current by deltas, reopened from disk with the master key alone — and, on a stolen
// disk, nothing but ciphertext about the entries.

let alice: TestAccount;
let personal: TestVault;
let work: TestVault;
let databases = 0;

beforeAll(async () => {
  alice = await createTestAccount();
  [personal, work] = await Promise.all([alice.newVault('vault-personal', 'Personal Vault ZK'), alice.newVault('vault-work', 'Work Vault ZK')]);
});

const freshDatabase = () => openCacheDatabase(`keyhold-cache-test-${++databases}`);

/** A full sync of both vaults with three items; returns the items as served. */
async function fullSync(cursor = 'c1.10') {
  const [bank, mail, deploy] = await Promise.all([
    sealedItem(personal.key, { name: 'Quokka Savings Bank', login: 'alice.q@quokka-bank.test', urls: [{ url: 'https://quokka-bank.test/signin', match: 'domain' }], tags: ['finance-zk'] }),
    sealedItem(personal.key, { name: 'Wombat Mail', login: 'alice@wombat-mail.test', urls: [{ url: 'https://mail.wombat-mail.test/', match: 'host' }], tags: ['personal-zk'] }),
    sealedItem(work.key, {
      name: 'Deploy key',
      login: 'ci-bot',
      urls: [],
      fields: [
        { id: 'password', type: 'password', label: 'Password', value: 'deploy password' },
        { id: 'otp', type: 'totp', label: 'One-time code', value: 'JBSWY3DPEHPK3PXP' },
      ],
    }),
  ]);
  const items = [served(bank), served(mail), served(deploy)];
  const response = syncResponse({
    cursor,
    full: true,
    vaults: [personal.vault, work.vault],
    wraps: [personal.wrap, work.wrap],
    certificates: [{ userId: alice.member.userId, certificate: alice.member.certificate }],
    folders: [{ id: 'folder-banks', vaultId: 'vault-personal', parentId: null, name: 'Quokka Banks Folder', createdAt: 1, updatedAt: 1, deletedAt: null, level: 'admin' }],
    items,
  });
  return { response, items, bank: items[0]!, mail: items[1]!, deploy: items[2]! };
}

async function filledCache(db?: CacheDatabase) {
  const database = db ?? (await freshDatabase());
  const cache = await createAccountCache(database, alice.profile, alice.masterKey);
  const synced = await fullSync();
  await cache.applySync(synced.response);
  return { db: database, cache, ...synced };
}

const names = (entries: { name: string }[]) => entries.map((entry) => entry.name).sort();

describe('offline cache: sync round trips', () => {
  it('a full sync is listed from the index, read back item by item, and survives reopening with the master key', async () => {
    const { db, cache, bank, deploy } = await filledCache();
    expect(names(cache.readIndex())).toEqual(['Deploy key', 'Quokka Savings Bank', 'Wombat Mail']);
    expect(cache.entry(deploy.id)).toMatchObject({ vaultId: 'vault-work', login: 'ci-bot', hasPassword: true, hasTotp: true, revision: 1, deletedAt: null });
    expect(cache.entry(bank.id)).toMatchObject({ hasTotp: false, tags: ['finance-zk'], urls: bank.urls });
    expect(cache.cursor).toBe('c1.10');

    cache.close();
    const reopened = await openAccountCache(db, alice.profile, alice.masterKey);
    expect(reopened.cursor).toBe('c1.10');
    expect(names(reopened.readIndex())).toEqual(['Deploy key', 'Quokka Savings Bank', 'Wombat Mail']);
    expect(await reopened.readItem(bank.id)).toEqual(bank);
    expect(await reopened.readItem('item-unknown')).toBeNull();
    const material = await reopened.readVaultMaterial('vault-work');
    expect(material?.vault.name).toBe('Work Vault ZK');
    expect(material?.wraps).toEqual([work.wrap]);
    expect([...material!.certificates.keys()]).toEqual([alice.member.userId]);
    expect((await reopened.readDirectory()).folders.map((folder) => folder.name)).toEqual(['Quokka Banks Folder']);
  });

  it('a delta upserts, removes and cascades a removed vault; the reopened cache shows the same', async () => {
    const { db, cache, bank, mail, deploy } = await filledCache();
    const renamed = served(await updateItem(bank, personal.key, { name: 'Quokka Bank (joint)' }));
    const added = served(await sealedItem(personal.key, { name: 'Numbat Energy' }));
    const applied = await cache.applySync(syncResponse({ cursor: 'c1.12', full: false, items: [renamed, added], removed: { vaults: ['vault-work'], folders: ['folder-banks'], items: [mail.id] } }));

    expect(applied.upserted.map((entry) => entry.name).sort()).toEqual(['Numbat Energy', 'Quokka Bank (joint)']);
    expect(applied.removed).toEqual(expect.arrayContaining([mail.id, deploy.id]));
    for (const view of [cache, await openAccountCache(db, alice.profile, alice.masterKey)]) {
      expect(view.cursor).toBe('c1.12');
      expect(names(view.readIndex())).toEqual(['Numbat Energy', 'Quokka Bank (joint)']);
      expect(view.entry(bank.id)?.revision).toBe(2);
      expect(await view.readItem(bank.id)).toEqual(renamed);
      expect(await view.readItem(deploy.id)).toBeNull();
      expect(await view.readVaultMaterial('vault-work')).toBeNull();
      const directory = await view.readDirectory();
      expect(directory.vaults.map((vault) => vault.id)).toEqual(['vault-personal']);
      expect(directory.wraps.map((wrap) => wrap.subjectId)).toEqual(['vault-personal']);
      expect(directory.folders).toEqual([]);
    }
  });

  it('keeps every key version’s wrap and each granter’s certificate, and takes pending grants as the server lists them', async () => {
    const { cache } = await filledCache();
    const grant = { vaultId: 'vault-work', userId: 'user-bob', keyVersion: 1, level: 'read' as const };
    const rotated = { ...work.wrap, keyVersion: 2 };
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, vaults: [{ ...work.vault, keyVersion: 2 }], wraps: [rotated], pendingGrants: [grant] }));
    expect((await cache.readVaultMaterial('vault-work'))?.wraps).toEqual([work.wrap, rotated]);
    expect((await cache.readDirectory()).pendingGrants).toEqual([grant]);
    await cache.applySync(syncResponse({ cursor: 'c1.12', full: false }));
    expect((await cache.readDirectory()).pendingGrants).toEqual([]);
    expect((await cache.readVaultMaterial('vault-work'))?.certificates.has(alice.member.userId)).toBe(true);
  });

  it('an item moved to another vault (removed and sent again) stays, in its new vault', async () => {
    const { cache, bank } = await filledCache();
    const moved = served({ ...bank, vaultId: 'vault-work', revision: 2 });
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [moved], removed: { vaults: [], folders: [], items: [bank.id] } }));
    expect(cache.entry(bank.id)).toMatchObject({ vaultId: 'vault-work', revision: 2 });
    expect(await cache.readItem(bank.id)).toEqual(moved);
  });

  it('a full sync replaces everything, even with older revisions (a server restored from a backup says so)', async () => {
    const { cache, bank } = await filledCache();
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [served({ ...bank, revision: 5 })] }));
    const restored = await fullSync('c1.3');
    await cache.applySync(restored.response);
    expect(cache.cursor).toBe('c1.3');
    expect(cache.entry(bank.id)).toBeUndefined();
    expect(names(cache.readIndex())).toEqual(['Deploy key', 'Quokka Savings Bank', 'Wombat Mail']);
    expect(await cache.readItem(restored.bank.id)).toEqual(restored.bank);
  });

  it('syncs applied back to back land in order', async () => {
    const { cache, bank } = await filledCache();
    const second = served(await updateItem(bank, personal.key, { name: 'Second' }));
    const third = served(await updateItem(second, personal.key, { name: 'Third' }));
    await Promise.all([
      cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [second] })),
      cache.applySync(syncResponse({ cursor: 'c1.12', full: false, items: [third] })),
    ]);
    expect(cache.cursor).toBe('c1.12');
    expect((await cache.readItem(bank.id))?.name).toBe('Third');
  });

  it('a write that does not commit leaves the previous sync whole, cursor included', async () => {
    const db = await freshDatabase();
    let interrupt = false;
    // The browser stopping the worker mid-write: the transaction aborts once its requests are made.
    const interruptible = new Proxy(db, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<CacheDatabase['transaction']>) => {
          const tx = target.transaction(...args);
          if (interrupt && args[1] === 'readwrite') queueMicrotask(() => tx.abort());
          return tx;
        };
      },
    });
    const { cache, bank } = await filledCache(interruptible);
    interrupt = true;
    const renamed = served(await updateItem(bank, personal.key, { name: 'Never stored' }));
    await expect(cache.applySync(syncResponse({ cursor: 'c1.99', full: false, items: [renamed] }))).rejects.toThrow();

    for (const view of [cache, await openAccountCache(db, alice.profile, alice.masterKey)]) {
      expect(view.cursor).toBe('c1.10');
      expect(view.entry(bank.id)?.name).toBe('Quokka Savings Bank');
      expect(await view.readItem(bank.id)).toEqual(bank);
    }
  });
});

describe('offline cache: unlock', () => {
  it('a wrong master key is told apart from a missing cache', async () => {
    const { db } = await filledCache();
    const wrongKey = await masterKeyFromSeed(randomBytes(32));
    await expect(openAccountCache(db, alice.profile, wrongKey)).rejects.toThrow(WrongMasterKeyError);
    await expect(openAccountCache(db, { ...alice.profile, userId: 'user-nobody' }, alice.masterKey)).rejects.toThrow(CacheNotFoundError);
  });

  it('offline unlock can start before the master key is derived, from the clear profile', async () => {
    const { db } = await filledCache();
    const profile = await readCachedProfile(db, { serverUrl: 'https://vault.acme.test/some/path', userId: alice.profile.userId });
    expect(profile?.kdf).toEqual(alice.profile.kdf);
    const cache = await openAccountCache(db, alice.profile, Promise.resolve(alice.masterKey));
    expect(cache.readIndex()).toHaveLength(3);
  });

  it('a new master key re-wraps the cache key; the old one no longer opens it', async () => {
    const { db, cache } = await filledCache();
    const newKey = await masterKeyFromSeed(randomBytes(32));
    const profile = { ...alice.profile, kdf: { ...alice.profile.kdf, iterations: 700_000 } };
    await cache.updateProfile(profile, newKey);
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(WrongMasterKeyError);
    const reopened = await openAccountCache(db, alice.profile, newKey);
    expect(reopened.profile.kdf.iterations).toBe(700_000);
    expect(reopened.readIndex()).toHaveLength(3);
  });

  it('sign-out forgets the account and nothing else', async () => {
    const db = await freshDatabase();
    const bob = await createTestAccount({ userId: 'user-bob', organisation: alice.organisation });
    const { cache } = await filledCache(db);
    const bobs = await createAccountCache(db, bob.profile, bob.masterKey);
    await cache.forget();
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(CacheNotFoundError);
    expect(await db.count('items')).toBe(0);
    expect(await db.count('chunks')).toBe(32);
    expect((await openAccountCache(db, bob.profile, bob.masterKey)).cursor).toBe(bobs.cursor);
    await forgetAccount(db, bob.profile);
    expect(await listCachedAccounts(db)).toEqual([]);
    expect(await db.count('chunks')).toBe(0);
  });

  it('a cache written by the previous schema (records without their context) is emptied on upgrade, so the next unlock downloads afresh', async () => {
    const name = `keyhold-cache-test-${++databases}`;
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('accounts', { keyPath: ['serverOrigin', 'userId'] });
        for (const store of ['chunks', 'directory', 'items']) db.createObjectStore(store);
      },
    });
    await old.put('accounts', { serverOrigin: 'https://vault.acme.test', userId: alice.profile.userId, profile: alice.profile, wrappedCacheKey: new Uint8Array(81), state: new Uint8Array(81) });
    await old.put('chunks', new Uint8Array(81), ['https://vault.acme.test', alice.profile.userId, 0]);
    old.close();
    const db = await openCacheDatabase(name);
    expect(await listCachedAccounts(db)).toEqual([]);
    expect(await db.count('chunks')).toBe(0);
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(CacheNotFoundError);
    const { cache } = await filledCache(db);
    expect(cache.readIndex()).toHaveLength(3);
  });
});

describe('offline cache: a server that goes backwards', () => {
  it('refuses a delta with an older revision of an item, and changes nothing', async () => {
    const { db, cache, bank } = await filledCache();
    const second = served(await updateItem(bank, personal.key, { name: 'Quokka Bank v2' }));
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [second] }));
    const rollback = cache.applySync(syncResponse({ cursor: 'c1.12', full: false, items: [bank], removed: { vaults: [], folders: [], items: [bank.id] } }));
    await expect(rollback).rejects.toThrow(SyncRollbackError);
    await expect(rollback).rejects.toMatchObject({ kind: 'item', id: bank.id });
    for (const view of [cache, await openAccountCache(db, alice.profile, alice.masterKey)]) {
      expect(view.cursor).toBe('c1.11');
      expect(await view.readItem(bank.id)).toEqual(second);
    }
  });

  it('refuses an older revision brought back after a delta removed the item', async () => {
    const { db, cache, bank } = await filledCache();
    const second = served(await updateItem(bank, personal.key, { name: 'Quokka Bank v2' }));
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [second] }));
    await cache.applySync(syncResponse({ cursor: 'c1.12', full: false, removed: { vaults: [], folders: [], items: [bank.id] } }));
    expect(await cache.readItem(bank.id)).toBeNull();
    const reopened = await openAccountCache(db, alice.profile, alice.masterKey);
    await expect(reopened.applySync(syncResponse({ cursor: 'c1.13', full: false, items: [bank] }))).rejects.toMatchObject({ code: 'syncRollback', kind: 'item', id: bank.id });
    await reopened.applySync(syncResponse({ cursor: 'c1.13', full: false, items: [second] }));
    expect(await reopened.readItem(bank.id)).toEqual(second);
  });

  it('writes nothing once closed, even for a sync that started before', async () => {
    const { db, cache, bank } = await filledCache();
    const second = served(await updateItem(bank, personal.key, { name: 'Quokka Bank v2' }));
    const applying = cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [second] }));
    cache.close();
    await expect(applying).rejects.toMatchObject({ code: 'cacheClosed' });
    expect((await openAccountCache(db, alice.profile, alice.masterKey)).cursor).not.toBe('c1.11');
  });

  it('refuses a delta with an older key version of a vault', async () => {
    const { cache } = await filledCache();
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, vaults: [{ ...work.vault, keyVersion: 2 }] }));
    await expect(cache.applySync(syncResponse({ cursor: 'c1.12', full: false, vaults: [work.vault] }))).rejects.toMatchObject({ code: 'syncRollback', kind: 'vault' });
  });

  it('accepts the same revision twice (a change may come in two syncs)', async () => {
    const { cache, bank } = await filledCache();
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [bank] }));
    expect(cache.cursor).toBe('c1.11');
  });
});

describe('offline cache: tampering on disk', () => {
  async function tampered(change: (db: CacheDatabase) => Promise<void>) {
    const { db, bank } = await filledCache();
    await change(db);
    return { db, bank };
  }
  const origin = 'https://vault.acme.test';

  it.each([
    ['two index chunks swapped', async (db: CacheDatabase) => {
      const [first, second] = await Promise.all([db.get('chunks', [origin, 'user-alice', 0]), db.get('chunks', [origin, 'user-alice', 1])]);
      await db.put('chunks', second!, [origin, 'user-alice', 0]);
      await db.put('chunks', first!, [origin, 'user-alice', 1]);
    }],
    ['an index chunk deleted', (db: CacheDatabase) => db.delete('chunks', [origin, 'user-alice', 5])],
    ['a byte of an index chunk flipped', async (db: CacheDatabase) => {
      const chunk = (await db.get('chunks', [origin, 'user-alice', 3]))!;
      // In the ciphertext: the room a framed record keeps for its context carries nothing.
      chunk[chunk.length - 40] = chunk[chunk.length - 40]! ^ 1;
      await db.put('chunks', chunk, [origin, 'user-alice', 3]);
    }],
    ['the pinned organisation fingerprint edited in the clear profile', async (db: CacheDatabase) => {
      const record = (await db.get('accounts', [origin, 'user-alice']))!;
      await db.put('accounts', { ...record, profile: { ...record.profile, pinnedFingerprint: '0'.repeat(64) } });
    }],
    ['the KDF record weakened in the clear profile', async (db: CacheDatabase) => {
      const record = (await db.get('accounts', [origin, 'user-alice']))!;
      await db.put('accounts', { ...record, profile: { ...record.profile, kdf: { ...record.profile.kdf, iterations: 300_000 } } });
    }],
  ])('refuses to open with %s', async (_what, change) => {
    const { db } = await tampered(change);
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(CacheCorruptError);
  });

  it('refuses an older copy of an index chunk put back after a sync', async () => {
    const { db, cache, bank } = await filledCache();
    const chunks = await db.getAll('chunks');
    const keys = await db.getAllKeys('chunks');
    await cache.applySync(syncResponse({ cursor: 'c1.11', full: false, items: [served(await updateItem(bank, personal.key, { name: 'Quokka Bank v2' }))] }));
    await Promise.all(keys.map((key, position) => db.put('chunks', chunks[position]!, key)));
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(CacheCorruptError);
  });

  it('refuses an item record swapped with another item', async () => {
    const { db, cache, bank, mail } = await filledCache();
    const mailRecord = await db.get('items', [origin, 'user-alice', mail.id]);
    await db.put('items', mailRecord!, [origin, 'user-alice', bank.id]);
    await expect(cache.readItem(bank.id)).rejects.toThrow(CacheCorruptError);
    expect(await cache.readItem(mail.id)).toEqual(mail);
  });

  it('refuses records moved from another account, even one on the same server with the same cache layout', async () => {
    const db = await freshDatabase();
    const bob = await createTestAccount({ userId: 'user-bob', organisation: alice.organisation });
    const { cache, bank, response } = await filledCache(db);
    const bobs = await createAccountCache(db, bob.profile, bob.masterKey);
    await bobs.applySync(response);
    // Bob's cache holds items of the same ids (the same sync): move his records over Alice's.
    for (const store of ['chunks', 'items'] as const) {
      const keys = (await db.getAllKeys(store)).filter((key) => key[1] === 'user-bob');
      for (const key of keys) await db.put(store, (await db.get(store, key))!, [key[0], 'user-alice', key[2]] as never);
    }
    await expect(cache.readItem(bank.id)).rejects.toThrow(CacheCorruptError);
    await expect(openAccountCache(db, alice.profile, alice.masterKey)).rejects.toThrow(CacheCorruptError);
  });
});

describe('offline cache: what a stolen disk shows', () => {
  /** Every key and value of every store, as bytes. */
  async function dump(db: CacheDatabase): Promise<Buffer> {
    const parts: Buffer[] = [];
    const bytes = (value: unknown): Buffer => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Uint8Array ? Buffer.from(inner).toString('latin1') : inner))));
    for (const store of db.objectStoreNames) {
      for (let cursor = await db.transaction(store).store.openCursor(); cursor; cursor = await cursor.continue()) parts.push(bytes(cursor.key), bytes(cursor.value));
    }
    return Buffer.concat(parts);
  }

  /** A text's UTF-8 and UTF-16 bytes, and its base64 and base64url at every alignment (minus the edges that depend on neighbours). */
  function forms(text: string): Buffer[] {
    const raw = Buffer.from(text, 'utf8');
    const shifted = [0, 1, 2].flatMap((shift) => {
      const padded = Buffer.concat([Buffer.alloc(shift), raw]);
      return ['base64', 'base64url'].map((encoding) => Buffer.from(padded.toString(encoding as BufferEncoding).slice(shift ? 4 : 0, -4)));
    });
    // Encoded runs under six characters would turn up in random ciphertext by chance.
    return [raw, Buffer.from(text, 'utf16le'), ...shifted.filter((form) => form.length >= 6)];
  }

  it('holds no entry name, login, URL or tag, nor folder or vault name, in any usual encoding', async () => {
    const { db } = await filledCache();
    const haystack = await dump(db);
    // The scan sees what is clear by design (the account's own login), so it would see a leak.
    expect(haystack.includes(Buffer.from(alice.profile.login))).toBe(true);
    const secrets = ['Quokka Savings Bank', 'alice.q@quokka-bank.test', 'quokka-bank.test/signin', 'finance-zk', 'Wombat Mail', 'alice@wombat-mail.test', 'mail.wombat-mail.test', 'personal-zk', 'Deploy key', 'Quokka Banks Folder', 'Personal Vault ZK', 'Work Vault ZK', 'deploy password', 'JBSWY3DPEHPK3PXP'];
    const leaks = secrets.filter((secret) => forms(secret).some((form) => haystack.includes(form)));
    expect(leaks).toEqual([]);
  });

  it('a default login item leaves no trace either', async () => {
    const db = await freshDatabase();
    const cache = await createAccountCache(db, alice.profile, alice.masterKey);
    const item = served(await sealedItem(personal.key));
    await cache.applySync(syncResponse({ cursor: 'c1.1', full: true, vaults: [personal.vault], wraps: [personal.wrap], items: [item] }));
    const haystack = await dump(db);
    expect(['GitHub', 'alice@example.com', 'github.com/login'].filter((secret) => forms(secret).some((form) => haystack.includes(form)))).toEqual([]);
  });
});
