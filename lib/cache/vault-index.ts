import { buildChunk } from './chunk-format';
import type { RowCharacters } from './character-masks';
import type { IndexBlock } from './index-block';
import { CHUNK_COUNT } from './index-chunks';
import { chunkOf, type IndexEntry } from './index-entry';
import { matchTier, quickTier, TIER_UNKNOWN, type RowBounds } from './match-tier';

// The in-memory index the popup lists and searches: the cache's index chunks (index-block.ts),
// each one folded text with its rows' bounds, numbered one after another into slots. A query word is
// found with one indexOf pass over each chunk's text, which runs at memory speed; the rank keys live
// in one typed array for all rows. A sync swaps in the chunks it rewrote (replaceBlocks) and the
// rest stay as they are.

/** The rows (ascending slots) where a word occurs, with its tier (match-tier.ts) in each. */
export interface WordHits {
  slots: Int32Array;
  tiers: Uint8Array;
  count: number;
}

function hitsFor(rows: number): WordHits {
  return { slots: new Int32Array(rows), tiers: new Uint8Array(rows), count: 0 };
}

// Search keeps hits between keystrokes: a rare word should not hold arrays sized for every row.
function trimmed(hits: WordHits): WordHits {
  if (hits.count >= hits.slots.length / 2) return hits;
  return { slots: hits.slots.slice(0, hits.count), tiers: hits.tiers.slice(0, hits.count), count: hits.count };
}

const newBounds = (): RowBounds => ({ start: 0, nameEnd: 0, loginEnd: 0, urlEnd: 0, end: 0 });

/** Entries in slots, searchable; `version` changes whenever the entries do. */
export class VaultIndex {
  #blocks: readonly IndexBlock[] = [];
  /** The slot of each block's first row, then the total. */
  #first = new Int32Array(1);
  /** The block of each slot. */
  #blockOfSlot = new Uint16Array(0);
  /** Every row's hay by slot, gathered from the blocks when ranking first compares names. */
  #hays: string[] | null = null;
  #order = new Float64Array(0);
  #trashed = new Uint8Array(0);
  #version = 0;

  /** An index over `blocks` (the cache's chunks, each entry in chunk chunkOf(id)). */
  constructor(blocks: readonly IndexBlock[] = []) {
    this.replaceBlocks(blocks);
  }

  /** An index of `entries` (a later entry with the same id replaces an earlier one), chunked as a cache would. */
  static of(entries: Iterable<IndexEntry>): VaultIndex {
    const chunks = Array.from({ length: CHUNK_COUNT }, () => new Map<string, IndexEntry>());
    for (const entry of entries) chunks[chunkOf(entry.id, CHUNK_COUNT)]!.set(entry.id, entry);
    return new VaultIndex(chunks.map((chunk) => buildChunk(chunk.values()).block));
  }

  /** How many entries, trash included. */
  get size(): number {
    return this.#first[this.#blocks.length]!;
  }

  /** Changes whenever the blocks do: search keeps its work between keystrokes only while this stays. */
  get version(): number {
    return this.#version;
  }

  /** Each row's rank among equals by slot (favourite, then name), for ranking without touching entries. */
  get order(): Float64Array {
    return this.#order;
  }

  /** 1 for rows in the trash, by slot. */
  get trashed(): Uint8Array {
    return this.#trashed;
  }

  /** The chunks searched now. */
  get blocks(): readonly IndexBlock[] {
    return this.#blocks;
  }

  /** Takes the cache's current chunks; slots are renumbered, so search starts afresh. */
  replaceBlocks(blocks: readonly IndexBlock[]): void {
    this.#blocks = [...blocks];
    const first = new Int32Array(blocks.length + 1);
    for (let block = 0; block < blocks.length; block++) first[block + 1] = first[block]! + blocks[block]!.size;
    const order = new Float64Array(first[blocks.length]!);
    const trashed = new Uint8Array(order.length);
    const blockOfSlot = new Uint16Array(order.length);
    for (let block = 0; block < blocks.length; block++) {
      order.set(blocks[block]!.layout.order, first[block]);
      trashed.set(blocks[block]!.layout.trashed, first[block]);
      blockOfSlot.fill(block, first[block], first[block + 1]);
    }
    this.#first = first;
    this.#blockOfSlot = blockOfSlot;
    this.#hays = null;
    this.#order = order;
    this.#trashed = trashed;
    this.#version++;
  }

  /**
   * Each block's character masks and first characters (character-masks.ts) with the slot of its
   * first row, read in place: each block works its own out on first use and keeps them across syncs,
   * so nothing is copied into one array for every row.
   */
  characterBlocks(): { first: number; characters: RowCharacters }[] {
    return this.#blocks.map((block, index) => ({ first: this.#first[index]!, characters: block.characters() }));
  }

  /** The entry in `slot` (slots are positions, valid until the next replaceBlocks). */
  entryAt(slot: number): IndexEntry {
    const block = this.#blockOf(slot);
    return this.#blocks[block]!.entryAt(slot - this.#first[block]!);
  }

  /** Negative when the row in slot `a` sorts before `b` by name (then login, URLs and id). */
  compareRows(a: number, b: number): number {
    const hayA = this.#hayAt(a);
    const hayB = this.#hayAt(b);
    if (hayA !== hayB) return hayA < hayB ? -1 : 1;
    return this.entryAt(a).id < this.entryAt(b).id ? -1 : 1;
  }

  /**
   * Every row where `word` occurs, with its tier: one pass over each block's text. With
   * `quickOnly`, a tier that needs a look through the rest of its field is left TIER_UNKNOWN
   * (quickTier; completeTiers fills them in): that look is most of the cost of scanning for a word
   * found in most rows, and search often needs only the name-prefix rows' tiers.
   */
  scanWord(word: string, quickOnly = false): WordHits {
    const hits = hitsFor(this.size);
    const row = newBounds();
    for (let index = 0; index < this.#blocks.length; index++) {
      const block = this.#blocks[index]!;
      const text = block.text;
      const first = this.#first[index]!;
      let current = 0;
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, row.end + 1)) {
        current = block.rowAt(at, current, row);
        hits.slots[hits.count] = first + current;
        hits.tiers[hits.count++] = quickOnly ? quickTier(text, at, row) : matchTier(text, word, at, row);
      }
    }
    return trimmed(hits);
  }

  /** Works out, in place, the tiers `scanWord(word, true)` left unknown. */
  completeTiers(word: string, hits: WordHits): void {
    for (let i = 0; i < hits.count; i++) if (hits.tiers[i] === TIER_UNKNOWN) hits.tiers[i] = this.tierOf(hits.slots[i]!, word);
  }

  /** The tier of `word` in the row in `slot`, which holds it. */
  tierOf(slot: number, word: string): number {
    const blockIndex = this.#blockOf(slot);
    const block = this.#blocks[blockIndex]!;
    const row = slot - this.#first[blockIndex]!;
    const bounds = newBounds();
    const at = block.text.indexOf(word, block.layout.textStart[row]);
    block.rowAt(at, row, bounds);
    return matchTier(block.text, word, at, bounds);
  }

  /** The rows of `within` where `word` also occurs (cheaper than a scan when `within` is small). */
  narrowWord(word: string, within: WordHits): WordHits {
    const hits = hitsFor(within.count);
    const bounds = newBounds();
    const hays = this.#allHays();
    for (let i = 0; i < within.count; i++) {
      const slot = within.slots[i]!;
      const hay = hays[slot]!;
      const found = hay.indexOf(word);
      if (found < 0) continue;
      const block = this.#blockOf(slot);
      const { textStart, nameEnd, loginEnd, urlEnd } = this.#blocks[block]!.layout;
      const row = slot - this.#first[block]!;
      // Bounds relative to the hay: the tier is worked out within the row alone.
      const start = textStart[row]!;
      bounds.nameEnd = nameEnd[row]! - start;
      bounds.loginEnd = loginEnd[row]! - start;
      bounds.urlEnd = urlEnd[row]! - start;
      bounds.end = hay.length;
      hits.slots[hits.count] = slot;
      hits.tiers[hits.count++] = matchTier(hay, word, found, bounds);
    }
    return trimmed(hits);
  }

  /** Slots of the rows whose URLs contain `text` (folded), ascending. */
  slotsWithUrlText(text: string): number[] {
    const slots: number[] = [];
    const row = newBounds();
    this.#blocks.forEach((block, index) => {
      const blockText = block.text;
      let current = 0;
      let at = blockText.indexOf(text);
      while (at >= 0) {
        current = block.rowAt(at, current, row);
        const inUrls = at >= row.loginEnd ? at : blockText.indexOf(text, row.loginEnd);
        if (inUrls >= 0 && inUrls + text.length <= row.urlEnd) slots.push(this.#first[index]! + current);
        // An occurrence found past this row is the next one to look at.
        at = inUrls < 0 || inUrls > row.end ? inUrls : blockText.indexOf(text, row.end + 1);
      }
    });
    return slots;
  }

  /** One row's hay: from the gathered hays once a search narrowed, else sliced (the first list after unlock compares few rows). */
  #hayAt(slot: number): string {
    if (this.#hays) return this.#hays[slot]!;
    const block = this.#blockOf(slot);
    return this.#blocks[block]!.sliceHay(slot - this.#first[block]!);
  }

  #allHays(): string[] {
    this.#hays ??= this.#blocks.flatMap((block) => block.hays());
    return this.#hays;
  }

  #blockOf(slot: number): number {
    return this.#blockOfSlot[slot]!;
  }
}
