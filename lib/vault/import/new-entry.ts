import type { ImportedEntry } from './imported-entry';

/** An entry with every field the source lacked set to "none" (empty string or list). */
export function newImportedEntry(fields: Partial<ImportedEntry>): ImportedEntry {
  return { name: '', login: '', password: '', urls: [], notes: '', totp: '', folderPath: [], tags: [], customFields: [], ...fields };
}

/** True when the entry holds nothing a user could want back: no name, login, password, URL, note, TOTP or field. */
export function isEmptyEntry(entry: ImportedEntry): boolean {
  return !entry.name && !entry.login && !entry.password && entry.urls.length === 0 && !entry.notes && !entry.totp && entry.customFields.length === 0;
}

/** The non-blank strings of a list, trimmed, in order. */
export function nonBlank(values: readonly (string | null | undefined)[]): string[] {
  return values.map((value) => (value ?? '').trim()).filter((value) => value !== '');
}

/** A folder path from a name the source separates with `separator`, dropping blank segments. */
export function splitFolderPath(path: string, separator: string): string[] {
  return nonBlank(path.split(separator));
}
