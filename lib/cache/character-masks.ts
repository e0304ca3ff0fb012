import { isWordChar } from './search-text';

// Which rows hold a given letter or digit, and where, without scanning the text: the first key
// someone types (issue #6, search_ms) is found in most of 100,000 rows, and a scan for it with each
// row's tier costs a frame or more. Per row, per field (name, login, URLs, tags), two pairs of
// 32-bit words: the characters the field holds, and those that start a word in it; in each pair,
// bit n of the first word for the letter a+n, bit n of the second for the digit 0+n. Hays are
// folded to lower case, so this covers every ASCII word character. With the row's first character,
// that is enough to work out a one-character query's tier (match-tier.ts) in every row.

/** The fields of a row in hay order; a character's tier comes from the first one holding it. */
export const FIELD_COUNT = 4;
/** Words per field: the pair it holds, then the pair that starts a word in it. */
export const WORDS_PER_FIELD = 4;
/** Where a field's "starts a word" pair begins, after its "holds" pair. */
export const STARTS_WORD = 2;
/** Words per row: every field's, in hay order. */
export const WORDS_PER_ROW = FIELD_COUNT * WORDS_PER_FIELD;

/** Where a character sits in a mask pair: which word, which bit. */
export interface CharacterBit {
  word: 0 | 1;
  mask: number;
}

/** Where an ASCII lower-case letter or digit sits in a mask pair; null for any other character. */
export function characterBit(code: number): CharacterBit | null {
  if (code >= 97 && code <= 122) return { word: 0, mask: 1 << (code - 97) };
  if (code >= 48 && code <= 57) return { word: 1, mask: 1 << (code - 48) };
  return null;
}

/** Per row: WORDS_PER_ROW mask words (fieldMaskAt), and the first character of the row's hay (0 for an empty hay). */
export interface RowCharacters {
  masks: Uint32Array;
  initials: Uint16Array;
}

/** The index in `masks` of `row`'s word for `field`, holding (`starts` false) or starting a word (`starts` true), letters or digits (`word`). */
export function fieldMaskAt(row: number, field: number, starts: boolean, word: 0 | 1): number {
  return row * WORDS_PER_ROW + field * WORDS_PER_FIELD + (starts ? STARTS_WORD : 0) + word;
}

/** Where each row's fields end in the text (absolute, exclusive), as a block's layout has them. */
export interface FieldEnds {
  textStart: Int32Array;
  nameEnd: Int32Array;
  loginEnd: Int32Array;
  urlEnd: Int32Array;
}

/** The masks and first characters of `rows` rows of `text` laid out as `layout` says (rows one separator apart). */
export function rowCharacters(text: string, layout: FieldEnds, rows: number): RowCharacters {
  const masks = new Uint32Array(rows * WORDS_PER_ROW);
  const initials = new Uint16Array(rows);
  for (let row = 0; row < rows; row++) {
    const start = layout.textStart[row]!;
    const end = row + 1 < rows ? layout.textStart[row + 1]! - 1 : text.length;
    if (end > start) initials[row] = text.charCodeAt(start);
    let at = start;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const fieldEnd = field === 0 ? layout.nameEnd[row]! : field === 1 ? layout.loginEnd[row]! : field === 2 ? layout.urlEnd[row]! : end;
      let letters = 0;
      let digits = 0;
      let letterStarts = 0;
      let digitStarts = 0;
      // Whether the character before `at` continues a word (isWordChar), carried along rather than read again.
      let inWord = isWordChar(text.charCodeAt(at - 1));
      for (; at < fieldEnd; at++) {
        const code = text.charCodeAt(at);
        if (code >= 97 && code <= 122) {
          const bit = 1 << (code - 97);
          letters |= bit;
          if (!inWord) letterStarts |= bit;
          inWord = true;
        } else if (code >= 48 && code <= 57) {
          const bit = 1 << (code - 48);
          digits |= bit;
          if (!inWord) digitStarts |= bit;
          inWord = true;
        } else inWord = isWordChar(code);
      }
      const base = fieldMaskAt(row, field, false, 0);
      masks[base] = letters;
      masks[base + 1] = digits;
      masks[base + STARTS_WORD] = letterStarts;
      masks[base + STARTS_WORD + 1] = digitStarts;
    }
  }
  return { masks, initials };
}
