import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { serverOriginOf, type AccountId, type AccountProfile } from './account-profile';

// The one IndexedDB database of a browser profile that holds every account's offline cache
// (docs/offline-cache.md). Keys start with [serverOrigin, userId], so one account's records form a
// key range: sign-out deletes them with one range per store, and no record is shared.

/** The database name the extension uses. */
export const CACHE_DATABASE_NAME = 'keyhold-cache';
// Version 2: records framed with their context (docs/offline-cache.md). A version-1 database holds
// records this code cannot read; it is emptied, and the next unlock downloads everything again.
const SCHEMA_VERSION = 2;

/** An account's row: the profile in clear, the cache key wrapped by the master key, the encrypted state. */
export interface AccountRecord {
  serverOrigin: string;
  userId: string;
  profile: AccountProfile;
  wrappedCacheKey: Uint8Array;
  state: Uint8Array;
}

/** The stores; every value but the account row is ciphertext. */
export interface CacheSchema extends DBSchema {
  accounts: { key: [string, string]; value: AccountRecord };
  /** Index chunks, keyed [origin, user, chunk number]. */
  chunks: { key: [string, string, number]; value: Uint8Array };
  /** Vaults, wraps, certificates, folders and pending grants of an account, keyed [origin, user]. */
  directory: { key: [string, string]; value: Uint8Array };
  /** Full item records, keyed [origin, user, item id]. */
  items: { key: [string, string, string]; value: Uint8Array };
}

/** An open cache database. */
export type CacheDatabase = IDBPDatabase<CacheSchema>;

/** Stores that hold one account's data. */
export const ACCOUNT_STORES = ['accounts', 'chunks', 'directory', 'items'] as const;

/** Opens (creating or upgrading) the cache database of this browser profile. */
export function openCacheDatabase(name = CACHE_DATABASE_NAME): Promise<CacheDatabase> {
  return openDB<CacheSchema>(name, SCHEMA_VERSION, {
    upgrade(db) {
      for (const store of [...db.objectStoreNames]) db.deleteObjectStore(store);
      db.createObjectStore('accounts', { keyPath: ['serverOrigin', 'userId'] });
      db.createObjectStore('chunks');
      db.createObjectStore('directory');
      db.createObjectStore('items');
    },
    // An updated extension opening a newer schema must not wait for this (older) worker to die.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** Every key [origin, user, …] of one account: arrays sort after numbers and strings, so `[]` closes the range. */
export function accountKeyRange(serverOrigin: string, userId: string): IDBKeyRange {
  return IDBKeyRange.bound([serverOrigin, userId], [serverOrigin, userId, []]);
}

/**
 * The clear profiles of every account cached in this browser profile (for the unlock screen). Not
 * yet authenticated: openAccountCache checks a profile against the encrypted state before use.
 */
export async function listCachedAccounts(db: CacheDatabase): Promise<AccountProfile[]> {
  return (await db.getAll('accounts')).map((record) => record.profile);
}

/** One account's clear profile (KDF record and sealed keys for an offline unlock), or null; unauthenticated until opened. */
export async function readCachedProfile(db: CacheDatabase, account: AccountId): Promise<AccountProfile | null> {
  return (await db.get('accounts', [serverOriginOf(account.serverUrl), account.userId]))?.profile ?? null;
}
