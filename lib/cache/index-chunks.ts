import type { SyncResponse } from '../contract/sync';
import { chunkOf, indexEntryOf, type IndexEntry } from './index-entry';

// The vault index is stored as a fixed number of encrypted chunks, entries spread by a hash of their
// id: unlock decrypts a few dozen records instead of one per entry, and a delta rewrites only the
// chunks it touches instead of one giant blob. Here: which chunks a sync changes, and into what.

/** How many chunks an account's index is split into. */
export const CHUNK_COUNT = 32;

/** One chunk's entries by id. */
export type Chunk = Map<string, IndexEntry>;

/** What a sync does to the index: the new contents of each touched chunk, and the entries that changed. */
export interface IndexChanges {
  chunks: Map<number, Chunk>;
  upserted: IndexEntry[];
  removed: string[];
}

/** The entry with `id`, if the chunks hold it. */
export function findEntry(chunks: readonly Chunk[], id: string): IndexEntry | undefined {
  return chunks[chunkOf(id, chunks.length)]?.get(id);
}

/** `count` empty chunks. */
export function emptyChunks(count = CHUNK_COUNT): Chunk[] {
  return Array.from({ length: count }, () => new Map());
}

function idsInVaults(chunks: readonly Chunk[], vaultIds: Set<string>): string[] {
  if (vaultIds.size === 0) return [];
  const ids: string[] = [];
  for (const chunk of chunks) for (const entry of chunk.values()) if (vaultIds.has(entry.vaultId)) ids.push(entry.id);
  return ids;
}

function fullChanges(count: number, response: SyncResponse): IndexChanges {
  const chunks = new Map(emptyChunks(count).map((chunk, index) => [index, chunk]));
  const upserted = response.items.map(indexEntryOf);
  for (const entry of upserted) chunks.get(chunkOf(entry.id, count))!.set(entry.id, entry);
  return { chunks, upserted, removed: [] };
}

/**
 * The index changes of `response` against `chunks` (which are left untouched: the caller swaps the
 * new chunks in only once they are on disk). A full answer replaces every chunk; a delta applies
 * removals — listed items, and every item of a removed vault — then upserts.
 */
export function planIndexChanges(chunks: readonly Chunk[], response: SyncResponse): IndexChanges {
  const count = chunks.length;
  if (response.full) return fullChanges(count, response);
  const touched = new Map<number, Chunk>();
  const chunkToWrite = (id: string): Chunk => {
    const index = chunkOf(id, count);
    if (!touched.has(index)) touched.set(index, new Map(chunks[index]));
    return touched.get(index)!;
  };
  const removed = [...response.removed.items, ...idsInVaults(chunks, new Set(response.removed.vaults))];
  for (const id of removed) if (findEntry(chunks, id)) chunkToWrite(id).delete(id);
  const upserted = response.items.map(indexEntryOf);
  for (const entry of upserted) chunkToWrite(entry.id).set(entry.id, entry);
  return { chunks: touched, upserted, removed };
}
