import { parseTotpField } from '../../cache/totp-field';
import type { ItemInput } from '../item';
import type { ImportedEntry } from './imported-entry';

// How an entry read from another manager becomes what a person would have typed into Keyhold: the
// password, notes, one-time code and extra fields as encrypted fields, the URLs matched by
// registrable domain (the form's default), the tags as they were. An entry the server would refuse
// (a limit of lib/contract/items.ts) is refused here, by name, instead of failing its whole batch.

/** An item to create, without its folder (the importer files it). */
export type ImportItem = Omit<ItemInput, 'folderId'>;

/** Limits of lib/contract/items.ts, checked before anything is sealed. */
const LIMITS = { name: 500, login: 500, urls: 32, url: 2048, tags: 32, tag: 64, fields: 64, label: 200, value: 140_000 };

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The name shown for an entry: its own, else the first URL's host, else its login. */
export function displayName(entry: Pick<ImportedEntry, 'name' | 'urls' | 'login'>): string {
  const url = entry.urls.map((candidate) => candidate.trim()).find(Boolean) ?? '';
  return entry.name.trim() || hostOf(url) || url || entry.login.trim() || 'Imported entry';
}

/** A TOTP value the code generator reads goes into a one-time code field; anything else is kept as text. */
function totpField(value: string): ItemInput['fields'][number] {
  try {
    parseTotpField(value);
    return { id: 'totp', type: 'totp', label: 'One-time code', value: value.trim() };
  } catch {
    return { id: 'totp-source', type: 'text', label: 'One-time code (not readable)', value };
  }
}

function fieldsOf(entry: ImportedEntry): ItemInput['fields'] {
  const fields: ItemInput['fields'] = [];
  if (entry.password !== '') fields.push({ id: 'password', type: 'password', label: 'Password', value: entry.password });
  if (entry.totp.trim() !== '') fields.push(totpField(entry.totp));
  entry.customFields.forEach((field, index) => fields.push({ id: `field-${index + 1}`, type: field.secret ? 'password' : 'text', label: field.label, value: field.value }));
  if (entry.notes !== '') fields.push({ id: 'notes', type: 'notes', label: 'Notes', value: entry.notes });
  return fields;
}

function withinLimits(item: ImportItem): boolean {
  return (
    item.name.length <= LIMITS.name &&
    item.login.length <= LIMITS.login &&
    item.urls.length <= LIMITS.urls &&
    item.urls.every(({ url }) => url.length <= LIMITS.url) &&
    item.tags.length <= LIMITS.tags &&
    item.tags.every((tag) => tag.length <= LIMITS.tag) &&
    item.fields.length <= LIMITS.fields &&
    item.fields.every((field) => field.label.length <= LIMITS.label && field.value.length <= LIMITS.value)
  );
}

/** The item an imported entry becomes, or null when it breaks one of the server's limits. */
export function importItemOf(entry: ImportedEntry): ImportItem | null {
  const item: ImportItem = {
    name: displayName(entry),
    login: entry.login,
    urls: entry.urls.map((url) => url.trim()).filter(Boolean).map((url) => ({ url, match: 'domain' as const })),
    fields: fieldsOf(entry),
    tags: [...new Set(entry.tags.map((tag) => tag.trim()).filter(Boolean))],
    colour: null,
    description: '',
    favourite: false,
  };
  return withinLimits(item) ? item : null;
}

/** Whether an item (from an archive, say) keeps the server's limits. */
export function keepsLimits(item: ImportItem): boolean {
  return item.name !== '' && item.name === item.name.trim() && withinLimits(item);
}
