import { readFileSync } from 'node:fs';

// The hand-written fixtures of tests/fixtures/import/ (docs/import.md), read as the bytes a user's
// file would be.

/** The bytes of tests/fixtures/import/<path>. */
export function readImportFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/import/${path}`, import.meta.url)));
}

/** The bytes of `text` as UTF-8, optionally behind a byte-order mark, for inline cases. */
export function utf8(text: string, withBom = false): Uint8Array {
  return new TextEncoder().encode(withBom ? `\uFEFF${text}` : text);
}

/** The same file as Windows tools write it: CRLF line ends (inside quoted fields too) behind a BOM. */
export function asWindowsFile(file: Uint8Array): Uint8Array {
  return utf8(new TextDecoder().decode(file).replace(/\n/g, '\r\n'), true);
}
