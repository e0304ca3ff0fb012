import { isWordChar } from './search-text';

// How well one query word matches one entry, as a small number (lower is better): the field it is
// found in ranks name, login, URL, tag; within a field a word start beats a substring, and the name
// has one more, best tier: it starts with the word. An entry's score is the sum over the words.

/** The name starts with the word. */
export const NAME_PREFIX = 0;
/** Not worked out yet (quickTier, VaultIndex.scanWord with `quickOnly`): the field's word-start tier or the one after it. */
export const TIER_UNKNOWN = 0xff;
/** A word of the name starts with it ("hub" in "Git Hub"); each field's next tier is "anywhere in it". */
const NAME_WORD = 1;
const LOGIN_WORD = 3;
const URL_WORD = 5;
const TAG_WORD = 7;
/** Each field's word-start tier, in hay order (name, login, URLs, tags); "anywhere in it" is one more. */
export const FIELD_WORD_TIERS: readonly number[] = [NAME_WORD, LOGIN_WORD, URL_WORD, TAG_WORD];

/**
 * Where one entry's folded fields lie in a text (vault-index.ts): absolute offsets, each end
 * exclusive. Scans fill one of these per row instead of allocating one.
 */
export interface RowBounds {
  start: number;
  nameEnd: number;
  loginEnd: number;
  urlEnd: number;
  end: number;
}

// From one occurrence to the next with indexOf, not position by position: a field is scanned at
// memory speed, and only where the token occurs is the character before it looked at.
function startsWordAt(text: string, token: string, from: number, last: number): boolean {
  for (let at = text.indexOf(token, from); at >= 0 && at <= last; at = text.indexOf(token, at + 1)) if (!isWordChar(text.charCodeAt(at - 1))) return true;
  return false;
}

function tierIn(text: string, token: string, at: number, fieldEnd: number, wordTier: number): number {
  if (!isWordChar(text.charCodeAt(at - 1))) return wordTier;
  return startsWordAt(text, token, at + 1, fieldEnd - token.length) ? wordTier : wordTier + 1;
}

/** The word-start tier of the field that offset `at` of a row lies in. */
function fieldWordTier(at: number, row: RowBounds): number {
  if (at < row.nameEnd) return NAME_WORD;
  if (at < row.loginEnd) return LOGIN_WORD;
  if (at < row.urlEnd) return URL_WORD;
  return TAG_WORD;
}

/**
 * matchTier where it needs no look past `at` — a name prefix, or a first occurrence that starts a
 * word — and TIER_UNKNOWN where it would have to look through the rest of the field for one that
 * does. A scan for a word found in most rows pays only this much per row (issue #6, search_ms).
 */
export function quickTier(text: string, at: number, row: RowBounds): number {
  if (at === row.start) return NAME_PREFIX;
  return isWordChar(text.charCodeAt(at - 1)) ? TIER_UNKNOWN : fieldWordTier(at, row);
}

/**
 * The tier of `token` in the row whose first occurrence of it is at `at`. The first occurrence is in
 * the best field; a later one in the same field may still start a word, so the field (never
 * beyond it) is checked for one.
 */
export function matchTier(text: string, token: string, at: number, row: RowBounds): number {
  if (at === row.start) return NAME_PREFIX;
  if (at < row.nameEnd) return tierIn(text, token, at, row.nameEnd, NAME_WORD);
  if (at < row.loginEnd) return tierIn(text, token, at, row.loginEnd, LOGIN_WORD);
  if (at < row.urlEnd) return tierIn(text, token, at, row.urlEnd, URL_WORD);
  return tierIn(text, token, at, row.end, TAG_WORD);
}
