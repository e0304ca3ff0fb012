import type { IndexEntry } from './index-entry';
import { foldText, urlSearchText } from './search-text';

// What the vault index keeps of an entry for search: one folded "hay" — name, login, URLs (without
// their scheme), tags, newline-separated: a query word never holds whitespace, so no match spans
// two fields — and where each field ends in it.

/** An entry folded for search: its hay and where the fields end in it. */
export interface FoldedEntry {
  hay: string;
  nameEnd: number;
  loginEnd: number;
  urlEnd: number;
}

// A newline inside a name would shift the field boundaries; it means nothing to search anyway.
const oneLine = (text: string) => (text.includes('\n') ? text.replace(/\n/g, ' ') : text);

function fieldEnd(hay: string, from: number): number {
  const end = hay.indexOf('\n', from);
  return end < 0 ? hay.length : end;
}

/** An entry folded for search. */
export function foldEntry(entry: IndexEntry): FoldedEntry {
  const parts = [oneLine(entry.name), oneLine(entry.login)];
  for (const url of entry.urls) parts.push(oneLine(urlSearchText(url.url)));
  for (const tag of entry.tags) parts.push(oneLine(tag));
  // Folded as one string: one regex test and one toLowerCase per entry. Folding can change lengths
  // (NFC, a few lowercase mappings), so the field ends are found after it.
  const hay = foldText(parts.join('\n'));
  const nameEnd = fieldEnd(hay, 0);
  const loginEnd = fieldEnd(hay, nameEnd + 1);
  let urlEnd = loginEnd;
  for (let i = 0; i < entry.urls.length; i++) urlEnd = fieldEnd(hay, urlEnd + 1);
  return { hay, nameEnd, loginEnd, urlEnd };
}
