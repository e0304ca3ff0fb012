import type { SyncResponse } from '../contract/sync';
import { buildChunk } from './chunk-format';
import type { IndexBlock } from './index-block';
import { chunkOf, indexEntryOf, type IndexEntry } from './index-entry';

// The vault index is stored as a fixed number of encrypted chunks, entries spread by a hash of their
// id: unlock decrypts a few dozen records instead of one per entry, and a delta rewrites only the
// chunks it touches instead of one giant blob. Here: which chunks a sync changes, and into what.

/** How many chunks an account's index is split into. */
export const CHUNK_COUNT = 32;

/** One chunk's entries by id, as a sync rewrites it. */
export type Chunk = Map<string, IndexEntry>;

/** What a sync does to the index: the new contents of each touched chunk, and the entries that changed. */
export interface IndexChanges {
  chunks: Map<number, Chunk>;
  upserted: IndexEntry[];
  removed: string[];
}

/** The entry with `id`, if the chunks hold it. */
export function findEntry(chunks: readonly IndexBlock[], id: string): IndexEntry | undefined {
  return chunks[chunkOf(id, chunks.length)]?.entriesById().get(id);
}

/** `count` empty chunks. */
export function emptyChunks(count = CHUNK_COUNT): IndexBlock[] {
  return Array.from({ length: count }, () => buildChunk([]).block);
}

/** Every entry of the chunks (each chunk's rows parsed). */
export function* allEntries(chunks: readonly IndexBlock[]): Iterable<IndexEntry> {
  for (const chunk of chunks) yield* chunk.entriesById().values();
}

function idsInVaults(chunks: readonly IndexBlock[], vaultIds: Set<string>): string[] {
  if (vaultIds.size === 0) return [];
  const ids: string[] = [];
  for (const entry of allEntries(chunks)) if (vaultIds.has(entry.vaultId)) ids.push(entry.id);
  return ids;
}

/** Every chunk rewritten empty: what a new cache starts from, and what a full sync fills. */
export function emptyChunkChanges(count = CHUNK_COUNT): IndexChanges {
  return { chunks: new Map(Array.from({ length: count }, (_, index): [number, Chunk] => [index, new Map()])), upserted: [], removed: [] };
}

function fullChanges(count: number, response: SyncResponse): IndexChanges {
  const { chunks } = emptyChunkChanges(count);
  const upserted = response.items.map(indexEntryOf);
  for (const entry of upserted) chunks.get(chunkOf(entry.id, count))!.set(entry.id, entry);
  return { chunks, upserted, removed: [] };
}

/**
 * The index changes of `response` against `chunks` (which are left untouched: the caller swaps the
 * new chunks in only once they are on disk). A full answer replaces every chunk; a delta applies
 * removals — listed items, and every item of a removed vault — then upserts.
 */
export function planIndexChanges(chunks: readonly IndexBlock[], response: SyncResponse): IndexChanges {
  const count = chunks.length;
  if (response.full) return fullChanges(count, response);
  const touched = new Map<number, Chunk>();
  const chunkToWrite = (id: string): Chunk => {
    const index = chunkOf(id, count);
    if (!touched.has(index)) touched.set(index, new Map(chunks[index]!.entriesById()));
    return touched.get(index)!;
  };
  const removed = [...response.removed.items, ...idsInVaults(chunks, new Set(response.removed.vaults))];
  for (const id of removed) if (findEntry(chunks, id)) chunkToWrite(id).delete(id);
  const upserted = response.items.map(indexEntryOf);
  for (const entry of upserted) chunkToWrite(entry.id).set(entry.id, entry);
  return { chunks: touched, upserted, removed };
}
