import { foldEntry, rowOrder } from './folded-entry';
import { IndexColumns } from './index-columns';
import type { IndexEntry } from './index-entry';
import { matchTier, type RowBounds } from './match-tier';

// The in-memory index the popup lists and searches, built from the cache's decrypted chunks and kept
// current by sync deltas without a rebuild. Each entry is folded once into a "hay" (folded-entry.ts)
// and rows are grouped in blocks whose hays are joined into one string. A query word is found with
// one indexOf pass over each block's text, which runs at memory speed; per-row numbers live in typed
// columns (index-columns.ts). A delta re-joins only the blocks it touched.

const BLOCK_ROWS = 512;

/** The rows (ascending slots) where a word occurs, with its tier (match-tier.ts) in each. */
export interface WordHits {
  slots: Int32Array;
  tiers: Uint8Array;
  count: number;
}

/** What a sync changed (the cache's SyncApplied fits). */
export interface IndexChangeSet {
  full: boolean;
  upserted: readonly IndexEntry[];
  removed: readonly string[];
}

function hitsFor(rows: number): WordHits {
  return { slots: new Int32Array(rows), tiers: new Uint8Array(rows), count: 0 };
}

// Search keeps hits between keystrokes: a rare word should not hold arrays sized for every row.
function trimmed(hits: WordHits): WordHits {
  if (hits.count >= hits.slots.length / 2) return hits;
  return { slots: hits.slots.slice(0, hits.count), tiers: hits.tiers.slice(0, hits.count), count: hits.count };
}

/** Entries by id, searchable; `version` changes whenever the entries do. */
export class VaultIndex {
  #entries: IndexEntry[] = [];
  #hays: string[] = [];
  #slots = new Map<string, number>();
  #columns = new IndexColumns();
  #blocks: string[] = [];
  #version = 0;

  /** An index of `entries` (a later entry with the same id replaces an earlier one). */
  constructor(entries: Iterable<IndexEntry> = []) {
    for (const entry of entries) this.#place(entry);
    for (let block = 0; block * BLOCK_ROWS < this.size; block++) this.#join(block);
  }

  /** How many entries, trash included. */
  get size(): number {
    return this.#entries.length;
  }

  /** Changes on every apply: search keeps its work between keystrokes only while this stays. */
  get version(): number {
    return this.#version;
  }

  /** Each row's rank among equals by slot (favourite, then name), for ranking without touching entries. */
  get order(): Float64Array {
    return this.#columns.order;
  }

  /** 1 for rows in the trash, by slot. */
  get trashed(): Uint8Array {
    return this.#columns.trashed;
  }

  /** The entry with `id`, or undefined. */
  get(id: string): IndexEntry | undefined {
    const slot = this.#slots.get(id);
    return slot === undefined ? undefined : this.#entries[slot];
  }

  /** The entry in `slot` (slots are positions, valid until the next apply). */
  entryAt(slot: number): IndexEntry {
    return this.#entries[slot]!;
  }

  /** Every entry, in no particular order. */
  entries(): readonly IndexEntry[] {
    return this.#entries;
  }

  /** Negative when the row in slot `a` sorts before `b` by name (then login, URLs and id). */
  compareRows(a: number, b: number): number {
    const hayA = this.#hays[a]!;
    const hayB = this.#hays[b]!;
    if (hayA !== hayB) return hayA < hayB ? -1 : 1;
    return this.#entries[a]!.id < this.#entries[b]!.id ? -1 : 1;
  }

  /** Applies a sync's changes: a full one replaces every entry; a delta removes, then upserts. */
  apply(changes: IndexChangeSet): void {
    if (changes.full) {
      this.#entries = [];
      this.#hays = [];
      this.#slots.clear();
    }
    const touched = new Set<number>();
    for (const id of changes.removed) this.#remove(id, touched);
    for (const entry of changes.upserted) touched.add(Math.floor(this.#place(entry) / BLOCK_ROWS));
    this.#blocks.length = Math.ceil(this.size / BLOCK_ROWS);
    for (const block of changes.full ? this.#blocks.keys() : touched) if (block * BLOCK_ROWS < this.size) this.#join(block);
    this.#version++;
  }

  /** Every row where `word` occurs, with its tier: one pass over each block's text. */
  scanWord(word: string): WordHits {
    const hits = hitsFor(this.size);
    const row: RowBounds = { start: 0, nameEnd: 0, loginEnd: 0, urlEnd: 0, end: 0 };
    for (let block = 0; block < this.#blocks.length; block++) {
      const text = this.#blocks[block]!;
      const last = Math.min(this.size, (block + 1) * BLOCK_ROWS) - 1;
      let slot = block * BLOCK_ROWS;
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, row.end + 1)) {
        slot = this.#rowAt(text, slot, last, at, row);
        hits.slots[hits.count] = slot;
        hits.tiers[hits.count++] = matchTier(text, word, at, row);
      }
    }
    return trimmed(hits);
  }

  /** The rows of `within` where `word` also occurs (cheaper than a scan when `within` is small). */
  narrowWord(word: string, within: WordHits): WordHits {
    const hits = hitsFor(within.count);
    const row: RowBounds = { start: 0, nameEnd: 0, loginEnd: 0, urlEnd: 0, end: 0 };
    const columns = this.#columns;
    for (let i = 0; i < within.count; i++) {
      const slot = within.slots[i]!;
      const hay = this.#hays[slot]!;
      const at = hay.indexOf(word);
      if (at < 0) continue;
      row.nameEnd = columns.nameEnd[slot]!;
      row.loginEnd = columns.loginEnd[slot]!;
      row.urlEnd = columns.urlEnd[slot]!;
      row.end = hay.length;
      hits.slots[hits.count] = slot;
      hits.tiers[hits.count++] = matchTier(hay, word, at, row);
    }
    return trimmed(hits);
  }

  /** Slots of the rows whose URLs contain `text` (folded), ascending. */
  slotsWithUrlText(text: string): number[] {
    const slots: number[] = [];
    const row: RowBounds = { start: 0, nameEnd: 0, loginEnd: 0, urlEnd: 0, end: 0 };
    for (let block = 0; block < this.#blocks.length; block++) {
      const blockText = this.#blocks[block]!;
      const last = Math.min(this.size, (block + 1) * BLOCK_ROWS) - 1;
      let slot = block * BLOCK_ROWS;
      let at = blockText.indexOf(text);
      while (at >= 0) {
        slot = this.#rowAt(blockText, slot, last, at, row);
        const inUrls = at >= row.loginEnd ? at : blockText.indexOf(text, row.loginEnd);
        if (inUrls >= 0 && inUrls + text.length <= row.urlEnd) slots.push(slot);
        // An occurrence found past this row is the next one to look at.
        at = inUrls < 0 || inUrls > row.end ? inUrls : blockText.indexOf(text, row.end + 1);
      }
    }
    return slots;
  }

  /** The slot (from `from` up to `last`) whose row holds offset `at` of a block's `text`; its bounds go into `row`. */
  #rowAt(text: string, from: number, last: number, at: number, row: RowBounds): number {
    const { textStart, nameEnd, loginEnd, urlEnd } = this.#columns;
    let slot = from;
    while (slot < last && textStart[slot + 1]! <= at) slot++;
    const start = textStart[slot]!;
    row.start = start;
    row.nameEnd = start + nameEnd[slot]!;
    row.loginEnd = start + loginEnd[slot]!;
    row.urlEnd = start + urlEnd[slot]!;
    row.end = slot < last ? textStart[slot + 1]! - 1 : text.length;
    return slot;
  }

  /** Puts an entry in its slot (a new one at the end); returns the slot. */
  #place(entry: IndexEntry): number {
    let slot = this.#slots.get(entry.id);
    if (slot === undefined) {
      slot = this.#entries.length;
      this.#slots.set(entry.id, slot);
      this.#columns.reserve(slot + 1);
    }
    const folded = foldEntry(entry);
    this.#entries[slot] = entry;
    this.#hays[slot] = folded.hay;
    const columns = this.#columns;
    columns.nameEnd[slot] = folded.nameEnd;
    columns.loginEnd[slot] = folded.loginEnd;
    columns.urlEnd[slot] = folded.urlEnd;
    columns.order[slot] = rowOrder(entry, folded.hay);
    columns.trashed[slot] = entry.deletedAt === null ? 0 : 1;
    return slot;
  }

  // Swap-remove: slots carry no order, so the last row moves into the hole.
  #remove(id: string, touched: Set<number>): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    const last = this.#entries.length - 1;
    this.#slots.delete(id);
    touched.add(Math.floor(slot / BLOCK_ROWS));
    if (slot !== last) {
      this.#entries[slot] = this.#entries[last]!;
      this.#hays[slot] = this.#hays[last]!;
      this.#columns.move(last, slot);
      this.#slots.set(this.#entries[slot]!.id, slot);
      touched.add(Math.floor(last / BLOCK_ROWS));
    }
    this.#entries.pop();
    this.#hays.pop();
  }

  /** Joins one block's hays into its text and records where each row starts. */
  #join(block: number): void {
    const first = block * BLOCK_ROWS;
    const end = Math.min(this.size, first + BLOCK_ROWS);
    let offset = 0;
    for (let slot = first; slot < end; slot++) {
      this.#columns.textStart[slot] = offset;
      offset += this.#hays[slot]!.length + 1;
    }
    this.#blocks[block] = this.#hays.slice(first, end).join('\n');
  }
}
