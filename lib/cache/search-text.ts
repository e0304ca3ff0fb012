// How text is compared in search: NFC so "é" typed as one or two code points is one thing, then
// lowercase. Entries are folded once, when the index is built; queries once per keystroke.

// Printable ASCII and newlines (the index's field separator) are already NFC.
const ASCII = /^[\n\x20-\x7e]*$/;

/** `text` as search compares it. */
export function foldText(text: string): string {
  // Skipping normalize() where it cannot change anything keeps index builds fast.
  return (ASCII.test(text) ? text : text.normalize('NFC')).toLowerCase();
}

/** The words of a query, folded; empty for a blank query. */
export function queryTokens(query: string): string[] {
  const folded = foldText(query).trim();
  return folded === '' ? [] : folded.split(/\s+/);
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;

/** Where what follows a leading "scheme://" starts (0 without one: "github.com/login" is a URL too). */
function afterScheme(url: string): number {
  const end = url.indexOf('://');
  return end > 0 && SCHEME.test(url.slice(0, end)) ? end + 3 : 0;
}

/** The part of an entry URL people type, not yet folded: without the scheme ("github.com/login"). */
export function urlSearchText(url: string): string {
  return url.slice(afterScheme(url));
}

/** True for a character that continues a word (letters and digits, folded); everything else starts one. */
export function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code >= 0xc0;
}

const SLASH = 0x2f;
const QUESTION = 0x3f;
const HASH = 0x23;
const BRACKET = 0x5b;
const DOT = 0x2e;

/** Where the authority (user info, host, port) of `url` ends. */
function authorityEnd(url: string, start: number): number {
  let end = start;
  while (end < url.length) {
    const code = url.charCodeAt(end);
    if (code === SLASH || code === QUESTION || code === HASH) break;
    end++;
  }
  return end;
}

/** Where the host of an authority spanning [start, end) ends: before the port, and before a final dot. */
function hostEnd(url: string, start: number, end: number): number {
  let last = end;
  if (url.charCodeAt(start) === BRACKET) last = Math.min(end, url.indexOf(']', start) + 1 || end);
  else {
    const colon = url.indexOf(':', start);
    if (colon >= 0 && colon < end) last = colon;
  }
  return last > start && url.charCodeAt(last - 1) === DOT ? last - 1 : last;
}

/**
 * The host of an entry URL as `new URL(...).hostname` would give it (lowercase, punycode), or ''.
 * Parsed by hand for the common ASCII case: the URL parser per entry would dominate a search.
 */
export function hostOf(entryUrl: string): string {
  const url = entryUrl.trim();
  let start = afterScheme(url);
  const end = authorityEnd(url, start);
  const userInfo = url.lastIndexOf('@', end - 1);
  if (userInfo >= start) start = userInfo + 1;
  const host = url.slice(start, hostEnd(url, start, end)).toLowerCase();
  if (ASCII.test(host)) return host;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return '';
  }
}
