import type { Item } from '../contract/items';
import type { FieldType } from './item';
import type { Folder, ReadableVaults, Vault } from './readable-vaults';
import { formatReference, type SecretReference } from './secret-reference';

// Finds what a reference names among the readable vaults (docs/cli.md, "References"). Each segment
// matches an id, else a name exactly, else a name ignoring case; two candidates are an error that
// lists both, never a guess: a CI job must not read another item's password because of a rename.

/** Nothing by that name or id; `noAccess` when it is the vault (the server hides vaults the caller cannot read). */
export class UnknownReferenceError extends Error {
  constructor(message: string, readonly noAccess = false) {
    super(message);
    this.name = 'UnknownReferenceError';
  }
}

/** More than one thing matches a segment; the message lists them with their ids. */
export class AmbiguousReferenceError extends Error {
  constructor(what: string, segment: string, candidates: string[]) {
    super(`${candidates.length} ${what}s match "${segment}"; use one of: ${candidates.join(', ')}`);
    this.name = 'AmbiguousReferenceError';
  }
}

/** A resolved field: the item (its MAC checked when the value is read) and which of its values. */
export interface ResolvedField {
  vault: Vault;
  item: Item;
  /** A sealed field's id, or `login` for the item's clear login. */
  field: { kind: 'sealed'; id: string; type: FieldType; label: string } | { kind: 'login' };
}

interface Named {
  id: string;
  name: string;
}

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('en');
}

/** The one candidate `segment` names: by id, else exact name, else name ignoring case. */
function pick<T extends Named>(candidates: readonly T[], segment: string, what: string, describe: (candidate: T) => string): T | undefined {
  const byId = candidates.find((candidate) => candidate.id === segment);
  if (byId) return byId;
  for (const same of [(name: string) => name.normalize('NFC') === segment.normalize('NFC'), (name: string) => fold(name) === fold(segment)]) {
    const found = candidates.filter((candidate) => same(candidate.name));
    if (found.length > 1) throw new AmbiguousReferenceError(what, segment, found.map(describe));
    if (found.length === 1) return found[0];
  }
  return undefined;
}

function folderIn(readable: ReadableVaults, vault: Vault, path: string[]): string | null {
  let parent: string | null = null;
  for (const segment of path) {
    const children = readable.folders.filter((folder) => folder.vaultId === vault.id && folder.parentId === parent);
    const folder: Folder | undefined = pick(children, segment, 'folder', (candidate) => `${candidate.name} (${candidate.id})`);
    if (!folder) throw new UnknownReferenceError(`No folder "${segment}" in ${[vault.name, ...path.slice(0, path.indexOf(segment))].join('/')}.`);
    parent = folder.id;
  }
  return parent;
}

function itemPath(readable: ReadableVaults, vault: Vault, item: Item): string {
  return formatReference({ vault: vault.name, folders: readable.folderPath(item.folderId).map((folder) => folder.name), item: item.id, field: '…' }).replace(/\/%E2%80%A6$/, '');
}

const BUILT_IN: Partial<Record<string, FieldType>> = { password: 'password', totp: 'totp', notes: 'notes' };

function fieldOf(item: Item, segment: string): ResolvedField['field'] {
  const fields = item.fields.map((field) => ({ ...field, name: field.label }));
  const found = pick(fields, segment, 'field', (field) => `${field.label} (${field.id})`);
  if (found) return { kind: 'sealed', id: found.id, type: found.type, label: found.label };
  const lower = fold(segment);
  if (lower === 'login' || lower === 'username') return { kind: 'login' };
  const type = BUILT_IN[lower];
  const typed = type && item.fields.find((field) => field.type === type);
  if (typed) return { kind: 'sealed', id: typed.id, type: typed.type, label: typed.label };
  const known = item.fields.map((field) => field.label).join(', ');
  throw new UnknownReferenceError(`Item "${item.name}" has no field "${segment}" (its fields: ${known || 'none'}, and login).`);
}

/** The vault, item and field `reference` names; throws UnknownReferenceError or AmbiguousReferenceError. */
export function resolveReference(readable: ReadableVaults, reference: SecretReference): ResolvedField {
  const vault = pick(readable.vaults, reference.vault, 'vault', (candidate) => `${candidate.name} (${candidate.id})`);
  if (!vault) throw new UnknownReferenceError(`No vault "${reference.vault}" among the ${readable.vaults.length} you can read (it does not exist, or you have no access).`, true);
  const inVault = readable.items.filter((item) => item.vaultId === vault.id);
  // Without a folder path the item is looked for in the whole vault; with one, only in that folder.
  const folderId = reference.folders.length > 0 ? folderIn(readable, vault, reference.folders) : undefined;
  const candidates = folderId === undefined ? inVault : inVault.filter((item) => item.folderId === folderId);
  const item = pick(candidates, reference.item, 'item', (candidate) => itemPath(readable, vault, candidate));
  if (!item) throw new UnknownReferenceError(`No item "${reference.item}" in ${[vault.name, ...reference.folders].join('/')}.`);
  return { vault, item, field: fieldOf(item, reference.field) };
}

/** The value a resolved field holds, after the item's wraps and metadata MAC verified. */
export async function readResolved(readable: ReadableVaults, resolved: ResolvedField): Promise<string> {
  if (resolved.field.kind === 'login') {
    await readable.open(resolved.item);
    return resolved.item.login;
  }
  return readable.reveal(resolved.item, resolved.field.id);
}
