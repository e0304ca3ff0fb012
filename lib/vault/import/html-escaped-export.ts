// LastPass's browser extension writes its CSV export HTML-escaped ("foo&bar" as "foo&amp;bar"),
// while its web vault does not (docs/import.md "LastPass CSV"). A password imported with the
// escapes left in would silently fail to sign in. A file is taken as escaped when it holds an
// escape and no bare "&": an escaping exporter escapes every ampersand, a plain one leaves them.
const ESCAPE = /&(amp|lt|gt|quot|#39|#x27);/g;
const BARE_AMPERSAND = /&(?!(amp|lt|gt|quot|#39|#x27);)/;
const CHARACTERS: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** True when the whole file reads as HTML-escaped text. */
export function isHtmlEscaped(text: string): boolean {
  return new RegExp(ESCAPE.source).test(text) && !BARE_AMPERSAND.test(text);
}

/** `value` with the five escapes an HTML-escaping exporter writes turned back into their characters. */
export function unescapeHtml(value: string): string {
  return value.replace(ESCAPE, (_, name: string) => CHARACTERS[name] ?? '');
}
