import type { MasterKey } from '../crypto/kdf';
import type { Bytes } from '../crypto/primitives';
import { deriveSymmetricKey, type SymmetricKey } from '../crypto/symmetric';
import { AccountCache, sealChunks, type Live } from './account-cache';
import { profileDigest, serverOriginOf, type AccountId, type AccountProfile } from './account-profile';
import type { AccountRecord, CacheDatabase } from './cache-database';
import { cacheContexts, newCacheKey, unwrapCacheKey, wrapCacheKey } from './cache-key';
import { checkState, initialState, type CacheState } from './cache-state';
import { commitWrite, deleteAccount } from './cache-writes';
import { decodeChunk } from './chunk-format';
import { emptyDirectory, type CacheDirectory } from './directory';
import { CacheCorruptError, CacheNotFoundError } from './errors';
import type { IndexBlock } from './index-block';
import { CHUNK_COUNT, emptyChunkChanges, emptyChunks } from './index-chunks';
import { openJson, openText, sealJson } from './sealed-json';

// The extension's offline copy of an account (issue #6, design §4; format in docs/offline-cache.md):
// the vault as the server sent it, encrypted under a random cache key that the master key wraps, so
// a stolen laptop shows no names, logins, URLs or tags, and unlock works with the server down.
// Unlock decrypts only the index chunks; full item records are read one at a time, when someone
// copies, reveals or fills. This file creates, opens and forgets caches; account-cache.ts is an
// open one.

export { AccountCache, type SyncApplied } from './account-cache';
export { listCachedAccounts, openCacheDatabase, readCachedProfile, type CacheDatabase } from './cache-database';

/** An open cache's keys and contents. */
function liveFrom(record: AccountRecord, cacheKey: Bytes, key: SymmetricKey, state: CacheState, chunks: IndexBlock[], directory: CacheDirectory | null): Live {
  const contexts = cacheContexts(record.serverOrigin, record.userId);
  return { record, contexts, cacheKey, key, state, chunks, directory: directory ? Promise.resolve(directory) : null };
}

/**
 * A new, empty cache for an account unlocked online for the first time on this device (or whose
 * cache was damaged): a fresh cache key wrapped by `masterKey`. Replaces anything cached for the
 * account before. Apply a full sync next.
 */
export async function createAccountCache(db: CacheDatabase, profile: AccountProfile, masterKey: MasterKey): Promise<AccountCache> {
  const serverOrigin = serverOriginOf(profile.serverUrl);
  const cacheKey = newCacheKey();
  const contexts = cacheContexts(serverOrigin, profile.userId);
  const state = initialState(CHUNK_COUNT, await profileDigest(profile));
  const key = await deriveSymmetricKey(cacheKey);
  const record = { serverOrigin, userId: profile.userId, profile, wrappedCacheKey: await wrapCacheKey(masterKey, contexts, cacheKey), state: await sealJson(key, contexts.state, state) };
  const live = liveFrom(record, cacheKey, key, state, emptyChunks(), emptyDirectory());
  const { sealed: chunks } = await sealChunks(live, state, emptyChunkChanges(live.chunks.length));
  const directory = await sealJson(key, contexts.directory(state.directoryGeneration), emptyDirectory());
  await commitWrite(db, { account: record, replaceAll: true, chunks, directory, removedItems: [], items: new Map() });
  return new AccountCache(db, live);
}

/**
 * Opens an account's cache. `masterKey` may still be deriving: the disk reads start at once and
 * overlap with PBKDF2. Throws CacheNotFoundError when the device has no cache for the account,
 * WrongMasterKeyError for a wrong master password, and CacheCorruptError when a record fails its
 * MAC, is missing, or the clear profile was edited.
 */
export async function openAccountCache(db: CacheDatabase, account: AccountId, masterKey: MasterKey | PromiseLike<MasterKey>): Promise<AccountCache> {
  const serverOrigin = serverOriginOf(account.serverUrl);
  const stored = await readAccount(db, serverOrigin, account.userId);
  if (!stored.record) throw new CacheNotFoundError();
  const contexts = cacheContexts(serverOrigin, account.userId);
  const cacheKey = await unwrapCacheKey(await masterKey, contexts, stored.record.wrappedCacheKey);
  const key = await deriveSymmetricKey(cacheKey);
  const state = checkState(await openJson<CacheState>(key, contexts.state, stored.record.state, 'state'), CHUNK_COUNT);
  if (state.profileDigest !== (await profileDigest(stored.record.profile))) throw new CacheCorruptError('account profile');
  const chunks = await Promise.all(
    state.chunkGenerations.map(async (generation, index) => decodeChunk(await openText(key, contexts.chunk(index, generation), stored.chunks[index], `index chunk ${index}`))),
  );
  return new AccountCache(db, liveFrom(stored.record, cacheKey, key, state, chunks, null));
}

/**
 * The account row and every index chunk, in one transaction (no key needed yet). One get per chunk,
 * not a getAll over the range: Chromium hands back a getAll of a few MB of values stored inline
 * (each under 64 KB, as at about 10,000 entries) three to four times slower than the same values
 * asked for one by one (docs/offline-cache.md).
 */
async function readAccount(db: CacheDatabase, serverOrigin: string, userId: string): Promise<{ record: AccountRecord | undefined; chunks: (Uint8Array | undefined)[] }> {
  const tx = db.transaction(['accounts', 'chunks'], 'readonly');
  const store = tx.objectStore('chunks');
  const [record, chunks] = await Promise.all([
    tx.objectStore('accounts').get([serverOrigin, userId]),
    Promise.all(Array.from({ length: CHUNK_COUNT }, (_, index) => store.get([serverOrigin, userId, index]))),
    tx.done,
  ]);
  return { record, chunks };
}

/** Deletes an account's cache from this device (sign-out), whether or not it is open. */
export async function forgetAccount(db: CacheDatabase, account: AccountId): Promise<void> {
  await deleteAccount(db, serverOriginOf(account.serverUrl), account.userId);
}
