import type { IndexEntry } from './index-entry';
import { characterBit, FIELD_COUNT, STARTS_WORD, WORDS_PER_FIELD, WORDS_PER_ROW, type CharacterBit, type RowCharacters } from './character-masks';
import { FIELD_WORD_TIERS, NAME_PREFIX, TIER_UNKNOWN } from './match-tier';
import { queryTokens } from './search-text';
import { NO_SITE, pageSite, SITE_DOMAIN, SITE_HOST, siteTiers } from './site-match';
import type { VaultIndex, WordHits } from './vault-index';

// Instant search for the popup (issue #6: keystroke to painted results under 16 ms at 100,000
// entries). Every query word must match (AND). Rows rank by the current site (exact host, then
// registrable domain), then where the words matched (match-tier.ts: name prefix, a word of the
// name, anywhere in the name; then login, URL, tag), then favourites, then name.
// Speed: each word's hits are kept between keystrokes, so typing one more letter looks only for
// the changed word — within the rows of the word it extends when they are few, else in one pass
// over the index's text. A first letter or digit, found in most rows, is answered from per-row
// character masks without touching the text (rankOneCharacter); any other first character gets
// tiers only where a name starts with it when those rows fill the list (oneWord). Ranking keeps
// the top `limit` rows in one pass over typed arrays; no per-entry allocation, no sort of all
// matches. The empty box's list is kept.

/** What to search with. */
export interface SearchOptions {
  /** The page the popup was opened on: its entries come first. */
  currentUrl?: string | null;
  /** How many rows to return (default 50). */
  limit?: number;
  /** Include entries in the trash (the vault page's trash view); off for the popup. */
  includeTrash?: boolean;
}

/** One result row. */
export interface SearchHit {
  entry: IndexEntry;
  /** Whether the entry is for the current page's exact host, its registrable domain, or neither. */
  site: 'host' | 'domain' | null;
}

/** The best rows, and how many entries matched in all. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

const DEFAULT_LIMIT = 50;
// Rank key, one exact number (< 2^53): site tier, then score (sum of word tiers), then the row's
// order among equals (< 2^33: favourite, then name; vault-index.ts).
const MAX_SCORE = 0xffff;
const SCORE_WEIGHT = 2 ** 33;
const SITE_WEIGHT = 2 ** 49;
/** Words whose hits are kept for the next keystrokes. */
const KEPT_WORDS = 12;
/** Narrow a known word's hits instead of scanning everything when they are under 1/NARROW of the rows. */
const NARROW = 8;

/** Rows that match a query, ascending, with their scores (the sum of their words' tiers). */
interface Matches {
  slots: Int32Array;
  scores: ArrayLike<number>;
  count: number;
}

/** What search keeps per index between keystrokes; dropped when the index changes. */
interface Memo {
  version: number;
  words: Map<string, WordHits>;
  pageUrl: string | null;
  tiers: Uint8Array | null;
  everything: Matches | null;
  /** The ranked list for an empty box (each opening of the popup, each Escape), and what it was ranked for. */
  emptyQuery: { pageUrl: string | null; limit: number; includeTrash: boolean; ranked: Ranked } | null;
}

/** The best slots, best first, and how many matched. */
interface Ranked {
  slots: number[];
  total: number;
}

const memos = new WeakMap<VaultIndex, Memo>();

function memoFor(index: VaultIndex): Memo {
  const memo = memos.get(index);
  if (memo?.version === index.version) return memo;
  const fresh: Memo = { version: index.version, words: new Map(), pageUrl: null, tiers: null, everything: null, emptyQuery: null };
  memos.set(index, fresh);
  return fresh;
}

// A word that contains a known word ("git" → "gith") occurs only in rows where that one does.
function knownWithin(index: VaultIndex, memo: Memo, word: string): WordHits | undefined {
  let within: WordHits | undefined;
  for (const [other, hits] of memo.words) if (word.includes(other) && hits.count < (within?.count ?? index.size / NARROW)) within = hits;
  return within;
}

function remember(memo: Memo, word: string, hits: WordHits): WordHits {
  memo.words.set(word, hits);
  if (memo.words.size > KEPT_WORDS) memo.words.delete(memo.words.keys().next().value!);
  return hits;
}

function hitsOf(index: VaultIndex, memo: Memo, word: string): WordHits {
  const known = memo.words.get(word);
  if (known) return known;
  const within = knownWithin(index, memo, word);
  return remember(memo, word, within ? index.narrowWord(word, within) : index.scanWord(word));
}

/**
 * The matches of a one-word query. A new word that nothing known narrows (the first letters typed,
 * say) is scanned with only the tiers that need no look through a field (quickTier). When it
 * occurs in so many rows that no
 * later keystroke would narrow from them, and the name-prefix rows alone, after the current site's,
 * fill the list, every other row ranks below them whatever its tier and only the total counts it —
 * so those tiers, most of the cost of scanning for a common letter, are never worked out (and these
 * partial hits are not kept).
 */
function oneWord(index: VaultIndex, memo: Memo, word: string, tiers: Uint8Array | null, limit: number, includeTrash: boolean): Matches {
  if (memo.words.has(word) || knownWithin(index, memo, word)) return matchesOf(hitsOf(index, memo, word));
  const hits = index.scanWord(word, true);
  // Few enough rows for the next keystroke to narrow: worked out in full and kept, as usual.
  if (hits.count < index.size / NARROW) {
    index.completeTiers(word, hits);
    return matchesOf(remember(memo, word, hits));
  }
  // One pass: the current site's rows get their real tiers (they rank first, by them); the others'
  // name-prefix rows are counted.
  const { trashed } = index;
  let prefixRows = 0;
  for (let i = 0; i < hits.count; i++) {
    const slot = hits.slots[i]!;
    if (tiers !== null && tiers[slot] !== NO_SITE) {
      if (hits.tiers[i] === TIER_UNKNOWN) hits.tiers[i] = index.tierOf(slot, word);
    } else if (hits.tiers[i] === NAME_PREFIX && (includeTrash || !trashed[slot])) prefixRows++;
  }
  if (prefixRows >= limit) return matchesOf(hits);
  index.completeTiers(word, hits);
  return matchesOf(remember(memo, word, hits));
}

/**
 * A one-character query's tier in a block's `row` worked out from its masks (character-masks.ts),
 * as matchTier would: the first field holding the character, at a word start or not; -1 when the
 * row lacks it. Offsets spelled out: this runs once per row of the vault.
 */
function characterTier({ masks, initials }: RowCharacters, row: number, code: number, word: number, mask: number): number {
  if (initials[row] === code) return NAME_PREFIX;
  for (let field = 0, at = row * WORDS_PER_ROW + word; field < FIELD_COUNT; field++, at += WORDS_PER_FIELD) {
    if ((masks[at]! & mask) === 0) continue;
    return FIELD_WORD_TIERS[field]! + ((masks[at + STARTS_WORD]! & mask) !== 0 ? 0 : 1);
  }
  return -1;
}

/** Whether a block's `row` holds the character in any field. */
function holdsCharacter(masks: Uint32Array, row: number, word: number, mask: number): boolean {
  const at = row * WORDS_PER_ROW + word;
  return ((masks[at]! | masks[at + WORDS_PER_FIELD]! | masks[at + 2 * WORDS_PER_FIELD]! | masks[at + 3 * WORDS_PER_FIELD]!) & mask) !== 0;
}

/**
 * The common first key: when the names starting with it fill the list after the current site's
 * entries, those rank first (by name) and every other row holding it only counts toward the total,
 * so no other row's tier is needed. Null when they do not fill it.
 */
function rankByNamePrefix(index: VaultIndex, code: number, bit: CharacterBit, tiers: Uint8Array | null, limit: number, includeTrash: boolean): Ranked | null {
  const { trashed } = index;
  const candidates: number[] = [];
  const scores: number[] = [];
  let total = 0;
  let prefixRows = 0;
  for (const { first, characters } of index.characterBlocks()) {
    const { masks, initials } = characters;
    for (let row = 0, rows = initials.length; row < rows; row++) {
      if (!holdsCharacter(masks, row, bit.word, bit.mask)) continue;
      const slot = first + row;
      const counted = includeTrash || !trashed[slot];
      if (counted) total++;
      if (tiers !== null && tiers[slot] !== NO_SITE) {
        candidates.push(slot);
        scores.push(characterTier(characters, row, code, bit.word, bit.mask));
      } else if (initials[row] === code) {
        candidates.push(slot);
        scores.push(NAME_PREFIX);
        if (counted) prefixRows++;
      }
    }
  }
  if (prefixRows < limit) return null;
  const { slots } = rank(index, { slots: Int32Array.from(candidates), scores, count: candidates.length }, tiers, limit, includeTrash);
  return { slots, total };
}

/** No tier: the row lacks the character. */
const ABSENT = 0xff;
/** Tiers a one-character query can have (match-tier.ts: NAME_PREFIX up to "anywhere in a tag"). */
const CHARACTER_TIERS = FIELD_WORD_TIERS.at(-1)! + 2;

/**
 * A first key few names start with ("u", "2"): every row's tier from its masks, counted by tier;
 * only the rows that can make the list are ranked — the current site's, and those of the best
 * tiers that together fill it — and the others only count toward the total.
 */
function rankByMaskTiers(index: VaultIndex, code: number, bit: CharacterBit, tiers: Uint8Array | null, limit: number, includeTrash: boolean): Ranked {
  const { size, trashed } = index;
  const rowTiers = new Uint8Array(size);
  const perTier = new Int32Array(CHARACTER_TIERS);
  for (const { first, characters } of index.characterBlocks()) {
    for (let row = 0, rows = characters.initials.length; row < rows; row++) {
      const slot = first + row;
      const tier = characterTier(characters, row, code, bit.word, bit.mask);
      rowTiers[slot] = tier < 0 ? ABSENT : tier;
      if (tier >= 0 && (includeTrash || !trashed[slot])) perTier[tier]!++;
    }
  }
  // The worst tier a row can have and still make the list: the rows of the better ones do not fill it.
  let cutoff = 0;
  for (let filled = perTier[0]!; filled < limit && cutoff < CHARACTER_TIERS - 1; ) filled += perTier[++cutoff]!;
  const candidates = new Int32Array(size);
  let count = 0;
  for (let slot = 0; slot < size; slot++) {
    const tier = rowTiers[slot]!;
    if (tier <= cutoff || (tier !== ABSENT && tiers !== null && tiers[slot] !== NO_SITE)) candidates[count++] = slot;
  }
  const ranked = candidates.subarray(0, count);
  const { slots } = rank(index, { slots: ranked, scores: Uint8Array.from(ranked, (slot) => rowTiers[slot]!), count }, tiers, limit, includeTrash);
  return { slots, total: perTier.reduce((sum, tierRows) => sum + tierRows, 0) };
}

/**
 * A query of one ASCII letter or digit — the first key typed — answered from the rows' character
 * masks (character-masks.ts) instead of a scan of the text. Null for any other character.
 */
function rankOneCharacter(index: VaultIndex, word: string, tiers: Uint8Array | null, limit: number, includeTrash: boolean): Ranked | null {
  const code = word.charCodeAt(0);
  const bit = word.length === 1 ? characterBit(code) : null;
  if (!bit) return null;
  return rankByNamePrefix(index, code, bit, tiers, limit, includeTrash) ?? rankByMaskTiers(index, code, bit, tiers, limit, includeTrash);
}

/**
 * The rows where every word of a query of several occurs. The rows of one word — the rarest of
 * those whose hits are known from earlier keystrokes, else the longest — are where the others are
 * looked for: typing "slack 4" looks for "4" only in the rows holding "slack", not through the whole
 * index. Those narrowed hits are not kept, since they are not all of the word's.
 */
function allWords(index: VaultIndex, memo: Memo, words: string[]): Matches {
  let base: WordHits | undefined;
  let baseWord = words[0]!;
  for (const word of words) {
    const known = memo.words.get(word);
    if (known && known.count < (base?.count ?? Infinity)) [base, baseWord] = [known, word];
  }
  if (!base) {
    for (const word of words) if (word.length > baseWord.length) baseWord = word;
    base = hitsOf(index, memo, baseWord);
  }
  const within = base;
  return intersect(words.map((word) => (word === baseWord ? within : (memo.words.get(word) ?? index.narrowWord(word, within)))));
}

/** The ranked rows of a typed query: every word must match; one word alone has its shortcuts. */
function rankWords(index: VaultIndex, memo: Memo, words: string[], tiers: Uint8Array | null, limit: number, includeTrash: boolean): Ranked {
  if (words.length > 1) return rank(index, allWords(index, memo, words), tiers, limit, includeTrash);
  const word = words[0]!;
  return rankOneCharacter(index, word, tiers, limit, includeTrash) ?? rank(index, oneWord(index, memo, word, tiers, limit, includeTrash), tiers, limit, includeTrash);
}

const matchesOf = (hits: WordHits): Matches => ({ slots: hits.slots, scores: hits.tiers, count: hits.count });

/** Every row, each scoring 0: what an empty query ranks. */
function everything(index: VaultIndex, memo: Memo): Matches {
  if (memo.everything) return memo.everything;
  const slots = new Int32Array(index.size);
  for (let slot = 0; slot < slots.length; slot++) slots[slot] = slot;
  memo.everything = { slots, scores: new Uint8Array(index.size), count: index.size };
  return memo.everything;
}

/** Rows where every word occurs: a merge of the ascending hit lists, rarest first. */
function intersect(lists: WordHits[]): Matches {
  const [rarest, ...others] = [...lists].sort((a, b) => a.count - b.count);
  if (others.length === 0) return matchesOf(rarest!);
  const out = { slots: new Int32Array(rarest!.count), scores: new Uint16Array(rarest!.count), count: 0 };
  const cursors = new Int32Array(others.length);
  rows: for (let i = 0; i < rarest!.count; i++) {
    const slot = rarest!.slots[i]!;
    let score = rarest!.tiers[i]!;
    for (let j = 0; j < others.length; j++) {
      const list = others[j]!;
      let at = cursors[j]!;
      while (at < list.count && list.slots[at]! < slot) at++;
      cursors[j] = at;
      if (list.slots[at] !== slot) continue rows;
      score += list.tiers[at]!;
    }
    out.slots[out.count] = slot;
    out.scores[out.count++] = Math.min(score, MAX_SCORE);
  }
  return out;
}

function tiersFor(index: VaultIndex, memo: Memo, pageUrl: string | null): Uint8Array | null {
  if (memo.pageUrl !== pageUrl || (pageUrl && !memo.tiers)) {
    const site = pageSite(pageUrl);
    memo.pageUrl = pageUrl;
    memo.tiers = site ? siteTiers(index, site) : null;
  }
  return memo.tiers;
}

/** The best `limit` slots of `matches`, best first, and how many matched (trash excluded unless asked). */
function rank(index: VaultIndex, matches: Matches, tiers: Uint8Array | null, limit: number, includeTrash: boolean): Ranked {
  const { order, trashed } = index;
  const slots: number[] = [];
  const keys: number[] = [];
  const before = (key: number, slot: number, at: number) => key < keys[at]! || (key === keys[at] && index.compareRows(slot, slots[at]!) < 0);
  let total = 0;
  for (let i = 0; i < matches.count; i++) {
    const slot = matches.slots[i]!;
    if (!includeTrash && trashed[slot]) continue;
    total++;
    const key = (tiers ? tiers[slot]! : NO_SITE) * SITE_WEIGHT + matches.scores[i]! * SCORE_WEIGHT + order[slot]!;
    // Most rows lose to the current last on the number alone.
    if (slots.length === limit && !before(key, slot, limit - 1)) continue;
    let at = Math.min(slots.length, limit - 1);
    for (; at > 0 && before(key, slot, at - 1); at--) {
      slots[at] = slots[at - 1]!;
      keys[at] = keys[at - 1]!;
    }
    slots[at] = slot;
    keys[at] = key;
  }
  return { slots, total };
}

const SITE_NAMES = { [SITE_HOST]: 'host', [SITE_DOMAIN]: 'domain' } as const;

/** The empty query's ranking (every row): kept until the index or the request changes. */
function rankEverything(index: VaultIndex, memo: Memo, pageUrl: string | null, limit: number, includeTrash: boolean): Ranked {
  const kept = memo.emptyQuery;
  if (kept && kept.pageUrl === pageUrl && kept.limit === limit && kept.includeTrash === includeTrash) return kept.ranked;
  const ranked = rank(index, everything(index, memo), tiersFor(index, memo, pageUrl), limit, includeTrash);
  memo.emptyQuery = { pageUrl, limit, includeTrash, ranked };
  return ranked;
}

/**
 * Every row (trash included) where each word of `query` occurs, ascending slots, unranked; null
 * for a query with no words. For lists that order rows themselves (the vault page's, by name or by
 * date); the words' hits are kept for the next keystrokes as search keeps them.
 */
export function matchingSlots(index: VaultIndex, query: string): Int32Array | null {
  const words = queryTokens(query);
  if (words.length === 0) return null;
  const memo = memoFor(index);
  const matches = words.length > 1 ? allWords(index, memo, words) : matchesOf(hitsOf(index, memo, words[0]!));
  return matches.slots.subarray(0, matches.count);
}

/**
 * The top rows for `query` and the number of matches. An empty query lists the current site's
 * entries, then favourites, then everything by name.
 */
export function search(index: VaultIndex, query: string, options: SearchOptions = {}): SearchResult {
  const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
  const memo = memoFor(index);
  const words = queryTokens(query);
  const pageUrl = options.currentUrl ?? null;
  const includeTrash = options.includeTrash ?? false;
  const tiers = tiersFor(index, memo, pageUrl);
  const { slots, total } = words.length === 0 ? rankEverything(index, memo, pageUrl, limit, includeTrash) : rankWords(index, memo, words, tiers, limit, includeTrash);
  const hits = slots.map((slot) => {
    const tier = tiers ? tiers[slot]! : NO_SITE;
    return { entry: index.entryAt(slot), site: tier === SITE_HOST || tier === SITE_DOMAIN ? SITE_NAMES[tier] : null };
  });
  return { hits, total };
}
