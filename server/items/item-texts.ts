import type { Sealer } from '../sealing/sealer';
import { itemJson } from './item-row';
import type { StampedItem } from './items.repository';

// The JSON text of recently served items, kept per item with the version it is of. Writing an
// item's text means opening its server seal (about 8 µs, most of it OpenSSL setting up a cipher)
// and reading all of its row; a sync of 10,000 items whose texts are kept reads only each item's
// id and version. The version is the item's change number with its update time: every write of an
// item sets both, and the time tells apart a change number used again after a restored backup.
// The texts hold client ciphertext only, never anything the server could read.

/** Characters of kept texts (one byte each: item JSON is ASCII but for names people type). */
const TEXT_BUDGET = 32 * 1024 * 1024;
/** What an entry costs beyond its text: the map entry, the id and the version. */
export const TEXT_ENTRY_OVERHEAD = 160;

interface Kept {
  changeSeq: number;
  updatedAt: number;
  text: string;
}

/** Item texts kept up to `budget` characters, the oldest kept going first. */
export function itemTexts(sealer: Sealer, budget = TEXT_BUDGET) {
  const kept = new Map<string, Kept>();
  let size = 0;
  const cost = (id: string, text: string) => id.length + text.length + TEXT_ENTRY_OVERHEAD;

  function forget(id: string): void {
    const entry = kept.get(id);
    if (!entry) return;
    kept.delete(id);
    size -= cost(id, entry.text);
  }

  function keep(id: string, entry: Kept): void {
    forget(id);
    const needed = cost(id, entry.text);
    if (needed > budget) return;
    while (size + needed > budget) forget(kept.keys().next().value!);
    kept.set(id, entry);
    size += needed;
  }

  return {
    /** The kept text of item `id` as of change `changeSeq` at `updatedAt`, if it is kept. */
    kept(id: string, changeSeq: number, updatedAt: number): string | undefined {
      const entry = kept.get(id);
      return entry && entry.changeSeq === changeSeq && entry.updatedAt === updatedAt ? entry.text : undefined;
    },

    /** The JSON text of `row` as served (itemJson), kept for the next read of the same version. */
    of(row: StampedItem): string {
      const known = this.kept(row.id, row.change_seq, row.updated_at);
      if (known !== undefined) return known;
      const text = itemJson(sealer, row);
      keep(row.id, { changeSeq: row.change_seq, updatedAt: row.updated_at, text });
      return text;
    },
  };
}

export type ItemTexts = ReturnType<typeof itemTexts>;
