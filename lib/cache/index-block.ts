import { rowCharacters, type RowCharacters } from './character-masks';
import { CacheCorruptError } from './errors';
import type { IndexEntry } from './index-entry';
import type { RowBounds } from './match-tier';

// One index chunk as the vault index searches it (vault-index.ts): the entries' folded hays joined
// into one text, where each row and field starts in it, and each row's rank among equals — all of
// which a chunk stores ready-made (chunk-format.ts), so unlock neither folds nor builds an object
// per entry. The entries themselves are parsed only when someone looks at them: a search result,
// a site match, a sync that rewrites the chunk.

/** Favourite and trash, the per-row flags the index ranks and filters by. */
export const ROW_FAVOURITE = 1;
export const ROW_TRASHED = 2;

/** Where a block's rows lie in its text, and their rank keys; built by rowLayout(). */
export interface RowLayout {
  /** Absolute offsets in the block's text: each row's start and its name, login and URL ends. */
  textStart: Int32Array;
  nameEnd: Int32Array;
  loginEnd: Int32Array;
  urlEnd: Int32Array;
  /** The row's rank among equals: favourites first, then the first four characters of the folded name (rowOrder). */
  order: Float64Array;
  trashed: Uint8Array;
}

/** Rows of JSON, each parsed from its own slice on demand. */
export interface LazyRows {
  json: string;
  starts: Int32Array;
  ends: Int32Array;
  /** The entry of `row` from its tuple and its hay (a tuple leaves out what the hay holds). */
  parse(tuple: unknown, hay: string, row: number): IndexEntry;
}

/** The entries of a block: already at hand (a block just built), or parsed on demand. */
export type RowSource = { entries: IndexEntry[] } | LazyRows;

const ORDER_CHARS = 4;
const ASCII_END = 0x7f;

/**
 * A row's rank among equals as one number below 2^33, so search's rank keys stay exact: favourites
 * first, then the first four characters of the hay, 7 bits each. A character past ASCII becomes 127
 * and ends the key, so rows that differ there tie and go on to compare whole hays (compareRows) —
 * the key never orders two rows against their hays. The more characters it tells apart, the fewer
 * of those comparisons a search makes: "github" and "gitlab" no longer tie.
 */
export function rowOrder(favourite: boolean, text: string, start: number, length: number): number {
  let key = 0;
  let ended = false;
  for (let i = 0; i < ORDER_CHARS; i++) {
    // Past the hay's end: 0, so a shorter hay sorts first, as it does by string comparison.
    const code = i < length ? text.charCodeAt(start + i) : 0;
    if (code >= ASCII_END) ended = true;
    key = key * 128 + (ended ? ASCII_END : code);
  }
  return (favourite ? 0 : 2 ** 32) + key;
}

/**
 * The layout of `rows` rows from their numbers, `stride` per row, of which the first five are the
 * hay's length, its name, login and URL ends relative to its start, and flags (the format may keep
 * more after them). Throws CacheCorruptError when the hays do not tile `text`.
 */
export function rowLayout(text: string, numbers: ArrayLike<number>, rows: number, stride: number): RowLayout {
  const layout: RowLayout = {
    textStart: new Int32Array(rows),
    nameEnd: new Int32Array(rows),
    loginEnd: new Int32Array(rows),
    urlEnd: new Int32Array(rows),
    order: new Float64Array(rows),
    trashed: new Uint8Array(rows),
  };
  let at = 0;
  for (let row = 0; row < rows; row++) {
    const base = row * stride;
    const length = numbers[base]!;
    const flags = numbers[base + 4]!;
    layout.textStart[row] = at;
    layout.nameEnd[row] = at + numbers[base + 1]!;
    layout.loginEnd[row] = at + numbers[base + 2]!;
    layout.urlEnd[row] = at + numbers[base + 3]!;
    layout.order[row] = rowOrder((flags & ROW_FAVOURITE) !== 0, text, at, length);
    layout.trashed[row] = flags & ROW_TRASHED ? 1 : 0;
    at += length + 1;
  }
  if (Math.max(0, at - 1) !== text.length) throw new CacheCorruptError('index chunk layout');
  return layout;
}

/** A chunk's rows, searchable; entries parsed on first use. */
export class IndexBlock {
  readonly size: number;
  #hays: string[] | null = null;
  #entries: (IndexEntry | undefined)[];
  #byId: Map<string, IndexEntry> | null = null;
  #source: LazyRows | null;
  #characters: RowCharacters | null = null;

  constructor(
    readonly text: string,
    readonly layout: RowLayout,
    source: RowSource,
    hays: string[] | null = null,
  ) {
    this.size = layout.order.length;
    this.#hays = hays;
    this.#entries = 'entries' in source ? source.entries : new Array<IndexEntry | undefined>(this.size);
    this.#source = 'entries' in source ? null : source;
  }

  /** The entry in `row`. */
  entryAt(row: number): IndexEntry {
    const known = this.#entries[row];
    if (known) return known;
    const source = this.#source!;
    let tuple: unknown;
    try {
      tuple = JSON.parse(source.json.slice(source.starts[row], source.ends[row]));
    } catch {
      throw new CacheCorruptError('index entry');
    }
    const entry = source.parse(tuple, this.sliceHay(row), row);
    this.#entries[row] = entry;
    return entry;
  }

  /** The block's entries by id (all rows parsed, once). */
  entriesById(): Map<string, IndexEntry> {
    if (this.#byId) return this.#byId;
    const byId = new Map<string, IndexEntry>();
    for (let row = 0; row < this.size; row++) {
      const entry = this.entryAt(row);
      byId.set(entry.id, entry);
    }
    this.#source = null;
    this.#byId = byId;
    return byId;
  }

  /** Each row's folded hay (name, login, URLs, tags, newline-separated), sliced from the text on first use. */
  hays(): readonly string[] {
    this.#hays ??= Array.from({ length: this.size }, (_, row) => this.sliceHay(row));
    return this.#hays;
  }

  /** `row`'s hay, cut from the text anew (hays() keeps them all). */
  sliceHay(row: number): string {
    return this.text.slice(this.layout.textStart[row], this.rowEnd(row));
  }

  /** Which ASCII letters and digits each row holds and its first character (character-masks.ts), worked out on first use and kept while the block is. */
  characters(): RowCharacters {
    this.#characters ??= rowCharacters(this.text, this.layout, this.size);
    return this.#characters;
  }

  /** Where `row` ends in the text (exclusive). */
  rowEnd(row: number): number {
    return row + 1 < this.size ? this.layout.textStart[row + 1]! - 1 : this.text.length;
  }

  /** The row (from `from` on) whose text holds offset `at`; its bounds go into `bounds`. */
  rowAt(at: number, from: number, bounds: RowBounds): number {
    // Locals, not getters: this runs once per hit of every scan.
    const { textStart, nameEnd, loginEnd, urlEnd } = this.layout;
    const last = this.size - 1;
    let row = from;
    while (row < last && textStart[row + 1]! <= at) row++;
    bounds.start = textStart[row]!;
    bounds.nameEnd = nameEnd[row]!;
    bounds.loginEnd = loginEnd[row]!;
    bounds.urlEnd = urlEnd[row]!;
    bounds.end = row < last ? textStart[row + 1]! - 1 : this.text.length;
    return row;
  }
}
