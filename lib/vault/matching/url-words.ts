// The words of a URL for the regex prefilter: runs of ASCII letters and digits, lowercased. Page
// URLs are ASCII once parsed (punycode hosts, percent-encoded paths), so every other character
// separates words, on both sides of the comparison alike.

const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122);

/** Each word of `text` (lowercase it first), in order. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const inWord = at < text.length && isWordCode(text.charCodeAt(at));
    if (inWord && start < 0) start = at;
    if (!inWord && start >= 0) {
      words.push(text.slice(start, at));
      start = -1;
    }
  }
  return words;
}

/** Whether `char` (one character) belongs to a word. */
export function isUrlWordChar(char: string): boolean {
  return isWordCode(char.charCodeAt(0));
}
