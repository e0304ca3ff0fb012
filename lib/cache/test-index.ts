// Test support (not used by the product): a delta applied to a vault index the way a sync applies
// it through the cache — the touched chunks rebuilt with their new entries and swapped in.
import { buildChunk } from './chunk-format';
import { chunkOf, type IndexEntry } from './index-entry';
import type { VaultIndex } from './vault-index';

/** Removes `removed` (ids), then upserts `upserted`, rebuilding only the chunks they touch. */
export function applyDelta(index: VaultIndex, delta: { upserted?: readonly IndexEntry[]; removed?: readonly string[] }): void {
  const blocks = [...index.blocks];
  const touched = new Map<number, Map<string, IndexEntry>>();
  const chunkOfId = (id: string) => {
    const at = chunkOf(id, blocks.length);
    if (!touched.has(at)) touched.set(at, new Map(blocks[at]!.entriesById()));
    return touched.get(at)!;
  };
  for (const id of delta.removed ?? []) chunkOfId(id).delete(id);
  for (const entry of delta.upserted ?? []) chunkOfId(entry.id).set(entry.id, entry);
  for (const [at, entries] of touched) blocks[at] = buildChunk(entries.values()).block;
  index.replaceBlocks(blocks);
}
