import type { ImportedEntry } from './imported-entry';
import { urlHost } from './url-host';

// What makes two entries "the same" for import (docs/import.md "Duplicate key"): the name, the
// login and the host of the first URL, compared loosely (case, spacing, Unicode form, "www.").
// Folders are left out on purpose: an entry the user moved to another folder after the first import
// must not come back as a copy. The importer adds the target vault's id.

/** The entry's duplicate key: equal keys in one vault mean a re-import would add nothing new. */
export function duplicateKey(entry: ImportedEntry): string {
  return JSON.stringify([loose(entry.name), loose(entry.login), firstHost(entry.urls)]);
}

function loose(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function firstHost(urls: string[]): string {
  const first = urls.find((url) => url.trim() !== '');
  return first ? urlHost(first).replace(/^www\./, '') : '';
}
