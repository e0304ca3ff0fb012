import type { Item } from '../contract/items';
import type { SyncResponse } from '../contract/sync';
import type { MasterKey } from '../crypto/kdf';
import type { Bytes } from '../crypto/primitives';
import type { SymmetricKey } from '../crypto/symmetric';
import { profileDigest, serverOriginOf, type AccountProfile } from './account-profile';
import type { AccountRecord, CacheDatabase } from './cache-database';
import { wrapCacheKey, type CacheContexts } from './cache-key';
import { nextState, type CacheState } from './cache-state';
import { commitWrite, deleteAccount } from './cache-writes';
import { buildChunk } from './chunk-format';
import { changesDirectory, emptyDirectory, mergeDirectory, vaultMaterialOf, type CacheDirectory, type VaultMaterial } from './directory';
import { CacheClosedError, CacheCorruptError } from './errors';
import type { IndexBlock } from './index-block';
import { allEntries, findEntry, planIndexChanges, type IndexChanges } from './index-chunks';
import type { IndexEntry } from './index-entry';
import { checkNoRollback } from './rollback-check';
import { openJson, sealJson, sealText } from './sealed-json';

// One account's offline cache once unlocked (offline-cache.ts opens it; format in
// docs/offline-cache.md): the decrypted index in memory, everything else read and decrypted on
// demand, and every change written in one transaction.

/** What a sync changed, for the in-memory vault index (vault-index.ts). */
export interface SyncApplied {
  full: boolean;
  cursor: string;
  upserted: IndexEntry[];
  removed: string[];
}

/** The keys and contents of an open cache; dropped on close. */
export interface Live {
  record: AccountRecord;
  contexts: CacheContexts;
  cacheKey: Bytes;
  key: SymmetricKey;
  state: CacheState;
  chunks: IndexBlock[];
  directory: Promise<CacheDirectory> | null;
}

/** An account's offline cache, unlocked. */
export class AccountCache {
  #live: Live | null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Use createAccountCache or openAccountCache. */
  constructor(
    private readonly db: CacheDatabase,
    live: Live,
  ) {
    this.#live = live;
  }

  /** The clear profile, verified against the encrypted state. */
  get profile(): AccountProfile {
    return this.#open().record.profile;
  }

  /** The cursor to send with the next sync; null before the first. */
  get cursor(): string | null {
    return this.#open().state.cursor;
  }

  /** Every entry of the index, trash included. */
  readIndex(): IndexEntry[] {
    return [...allEntries(this.#open().chunks)];
  }

  /** The index chunks as they are now (a sync replaces the ones it rewrites), for the vault index. */
  indexBlocks(): readonly IndexBlock[] {
    return [...this.#open().chunks];
  }

  /** One index entry, or undefined. */
  entry(itemId: string): IndexEntry | undefined {
    return findEntry(this.#open().chunks, itemId);
  }

  /**
   * Stores a sync answer (as lib/api parsed it with the contract's schema) atomically: a full one
   * replaces everything, a delta removes then upserts. Throws SyncRollbackError (changing nothing)
   * for a delta that takes an item or vault back; CacheCorruptError means the cache must be
   * created afresh and fully synced.
   */
  applySync(response: SyncResponse): Promise<SyncApplied> {
    return this.#serialised(() => this.#apply(response));
  }

  /** The full item record as the server sent it, or null when the cache has no such item. */
  async readItem(itemId: string): Promise<Item | null> {
    const live = this.#open();
    const entry = findEntry(live.chunks, itemId);
    if (!entry) return null;
    const sealed = await this.db.get('items', [live.record.serverOrigin, live.record.userId, itemId]);
    try {
      return await openJson<Item>(live.key, live.contexts.item(itemId, entry.revision), sealed, `item ${itemId}`);
    } catch (error) {
      // A sync committed between reading the revision and the record: read again at the new one.
      if (error instanceof CacheCorruptError && this.entry(itemId)?.revision !== entry.revision) return this.readItem(itemId);
      throw error;
    }
  }

  /** Vaults, wraps, certificates, folders and pending grants, decrypted on first use. */
  readDirectory(): Promise<CacheDirectory> {
    const live = this.#open();
    live.directory ??= this.db
      .get('directory', [live.record.serverOrigin, live.record.userId])
      .then((sealed) => openJson<CacheDirectory>(live.key, live.contexts.directory(live.state.directoryGeneration), sealed, 'directory'));
    return live.directory;
  }

  /** A vault with the user's wraps of its key and the granters' certificates, or null when it is not visible. */
  async readVaultMaterial(vaultId: string): Promise<VaultMaterial | null> {
    return vaultMaterialOf(await this.readDirectory(), vaultId);
  }

  /**
   * Stores a new profile (after an online unlock, or a master-password change with a new KDF record
   * and re-sealed keys) and re-wraps the cache key under `masterKey`.
   */
  updateProfile(profile: AccountProfile, masterKey: MasterKey): Promise<void> {
    return this.#serialised(async () => {
      const live = this.#open();
      if (serverOriginOf(profile.serverUrl) !== live.record.serverOrigin || profile.userId !== live.record.userId) throw new RangeError('the profile belongs to another account');
      const state = { ...live.state, profileDigest: await profileDigest(profile) };
      const record = { ...live.record, profile, wrappedCacheKey: await wrapCacheKey(masterKey, live.contexts, live.cacheKey), state: await sealJson(live.key, live.contexts.state, state) };
      await commitWrite(this.db, { account: record, replaceAll: false, chunks: new Map(), directory: null, removedItems: [], items: new Map() });
      Object.assign(live, { record, state });
    });
  }

  /** Deletes the account's cache from this device (sign-out) and closes it. */
  forget(): Promise<void> {
    return this.#serialised(async () => {
      const { serverOrigin, userId } = this.#open().record;
      this.close();
      await deleteAccount(this.db, serverOrigin, userId);
    });
  }

  /** Forgets the keys and the decrypted index (lock); the cache stays on disk. */
  close(): void {
    this.#live = null;
  }

  #open(): Live {
    if (!this.#live) throw new CacheClosedError();
    return this.#live;
  }

  // One write at a time: each sync is planned against the state the previous one left.
  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(response: SyncResponse): Promise<SyncApplied> {
    const live = this.#open();
    // Read first even for a full answer, so a reader that arrives mid-write finds it memoised.
    const directory = await this.readDirectory().catch((error: unknown) => (response.full ? emptyDirectory() : Promise.reject(error)));
    checkNoRollback(live.chunks, directory, response);
    const changes = planIndexChanges(live.chunks, response);
    const removedRevisions = response.full ? {} : nextRemovedRevisions(live.chunks, directory, response);
    const directoryChanged = changesDirectory(directory, response) || removedRevisions !== directory.removedRevisions;
    const nextDirectory = directoryChanged ? { ...mergeDirectory(directory, response), removedRevisions } : directory;
    const state = nextState(live.state, { chunks: changes.chunks.keys(), directory: directoryChanged }, response.cursor);
    const record = { ...live.record, state: await sealJson(live.key, live.contexts.state, state) };
    const chunks = await sealChunks(live, state, changes);
    const write = {
      account: record,
      replaceAll: response.full,
      chunks: chunks.sealed,
      directory: directoryChanged ? await sealJson(live.key, live.contexts.directory(state.directoryGeneration), nextDirectory) : null,
      removedItems: changes.removed,
      items: await sealItems(live, response.items),
    };
    // Locked or signed out while this was being sealed: nothing more reaches the disk.
    if (this.#live !== live) throw new CacheClosedError();
    await commitWrite(this.db, write);
    if (this.#live === live) {
      for (const [index, block] of chunks.blocks) live.chunks[index] = block;
      Object.assign(live, { record, state, directory: Promise.resolve(nextDirectory) });
    }
    return { full: response.full, cursor: response.cursor, upserted: changes.upserted, removed: changes.removed };
  }
}

/**
 * The removed-revision marks after a delta: each item it removes (itself or with its vault) is
 * marked with the revision the cache held; each item it brings is unmarked. The same object when
 * nothing changes.
 */
function nextRemovedRevisions(chunks: readonly IndexBlock[], directory: CacheDirectory, response: SyncResponse): Record<string, number> {
  const marks = { ...directory.removedRevisions };
  let changed = false;
  const goneVaults = new Set(response.removed.vaults);
  const mark = (entry: IndexEntry) => {
    marks[entry.id] = Math.max(marks[entry.id] ?? 0, entry.revision);
    changed = true;
  };
  for (const id of response.removed.items) {
    const entry = findEntry(chunks, id);
    if (entry) mark(entry);
  }
  if (goneVaults.size > 0) for (const entry of allEntries(chunks)) if (goneVaults.has(entry.vaultId)) mark(entry);
  for (const item of response.items) {
    if (!(item.id in marks)) continue;
    delete marks[item.id];
    changed = true;
  }
  return changed ? marks : directory.removedRevisions;
}

/** The touched chunks of `changes`, each built for the index and sealed at its new generation in `state`. */
export async function sealChunks(live: Live, state: CacheState, changes: IndexChanges): Promise<{ sealed: Map<number, Uint8Array>; blocks: Map<number, IndexBlock> }> {
  const blocks = new Map<number, IndexBlock>();
  const sealed = await Promise.all(
    [...changes.chunks].map(async ([index, chunk]) => {
      const { block, plaintext } = buildChunk(chunk.values());
      blocks.set(index, block);
      return [index, await sealText(live.key, live.contexts.chunk(index, state.chunkGenerations[index]!), plaintext)] as const;
    }),
  );
  return { sealed: new Map(sealed), blocks };
}

async function sealItems(live: Live, items: Item[]): Promise<Map<string, Uint8Array>> {
  const sealed = await Promise.all(items.map(async (item) => [item.id, await sealJson(live.key, live.contexts.item(item.id, item.revision), item)] as const));
  return new Map(sealed);
}

