// Which rows hold a given letter or digit, without scanning the text: the first key someone types
// (issue #6, search_ms) is found in most of 100,000 rows, and a scan for it costs a frame. Two
// 32-bit words per row: bit n of the first for the letter a+n, bit n of the second for the digit
// 0+n. Hays are folded to lower case, so this covers every ASCII word character.

/** Where an ASCII lower-case letter or digit sits in a row's two mask words; null for any other character. */
export function characterBit(code: number): { word: 0 | 1; mask: number } | null {
  if (code >= 97 && code <= 122) return { word: 0, mask: 1 << (code - 97) };
  if (code >= 48 && code <= 57) return { word: 1, mask: 1 << (code - 48) };
  return null;
}

/** Per row: two words of character bits, and the first character of the row's hay (0 for an empty hay). */
export interface RowCharacters {
  masks: Uint32Array;
  initials: Uint16Array;
}

/** The masks and first characters of `rows` rows of `text`, each starting at its `textStart` (rows are newline-separated). */
export function rowCharacters(text: string, textStart: Int32Array, rows: number): RowCharacters {
  const masks = new Uint32Array(rows * 2);
  const initials = new Uint16Array(rows);
  for (let row = 0; row < rows; row++) {
    const end = row + 1 < rows ? textStart[row + 1]! - 1 : text.length;
    if (end > textStart[row]!) initials[row] = text.charCodeAt(textStart[row]!);
    let letters = 0;
    let digits = 0;
    for (let at = textStart[row]!; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code >= 97 && code <= 122) letters |= 1 << (code - 97);
      else if (code >= 48 && code <= 57) digits |= 1 << (code - 48);
    }
    masks[row * 2] = letters;
    masks[row * 2 + 1] = digits;
  }
  return { masks, initials };
}
