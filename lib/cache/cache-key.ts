import { randomBytes } from '../crypto/bytes';
import { offlineCacheContext } from '../crypto/contexts';
import { AuthenticationError, CryptoError } from '../crypto/errors';
import type { MasterKey } from '../crypto/kdf';
import type { Bytes } from '../crypto/primitives';
import { decryptBytes, encryptBytes } from '../crypto/symmetric';
import { CacheCorruptError, WrongMasterKeyError } from './errors';

// Every cache record of an account is encrypted under one random 256-bit cache key, and only the
// cache key is encrypted under the master key. So a master-password change re-wraps 32 bytes instead
// of re-encrypting the vault, and the cache key's MAC is what tells a wrong master password apart.

/** The context of each record of one account (docs/offline-cache.md, "Contexts"). */
export interface CacheContexts {
  cacheKey: string;
  state: string;
  chunk(index: number, generation: number): string;
  directory(generation: number): string;
  item(itemId: string, revision: number): string;
}

/** The contexts of the account `userId` on `serverOrigin`. */
export function cacheContexts(serverOrigin: string, userId: string): CacheContexts {
  const at = (...where: (string | number)[]) => offlineCacheContext(serverOrigin, userId, ...where);
  return {
    cacheKey: at('cache-key'),
    state: at('state'),
    chunk: (index, generation) => at('index', index, generation),
    directory: (generation) => at('directory', generation),
    item: (itemId, revision) => at('item', itemId, revision),
  };
}

/** A fresh cache key. */
export function newCacheKey(): Bytes {
  return randomBytes(32);
}

/** The cache key encrypted under the master key. */
export function wrapCacheKey(masterKey: MasterKey, contexts: CacheContexts, cacheKey: Bytes): Promise<Uint8Array> {
  return encryptBytes(masterKey.key, contexts.cacheKey, cacheKey);
}

/** The cache key; throws WrongMasterKeyError when its MAC fails (wrong master password) and CacheCorruptError when the record is damaged. */
export async function unwrapCacheKey(masterKey: MasterKey, contexts: CacheContexts, wrapped: Uint8Array): Promise<Bytes> {
  try {
    const cacheKey = await decryptBytes(masterKey.key, contexts.cacheKey, wrapped);
    if (cacheKey.length !== 32) throw new CacheCorruptError('cache key');
    return cacheKey;
  } catch (error) {
    if (error instanceof AuthenticationError) throw new WrongMasterKeyError();
    if (error instanceof CryptoError) throw new CacheCorruptError('cache key');
    throw error;
  }
}
