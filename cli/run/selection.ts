import type { Item } from '../../lib/contract/items';
import type { ReadableVaults, Vault } from '../../lib/vault/readable-vaults';
import { formatReference } from '../../lib/vault/secret-reference';
import { CliError, EXIT } from '../exit-codes';
import { variableName } from './variable-names';

// `run --vault V [--folder F] [--tags T]` and `ls`: the items of one vault, optionally only those
// under a folder path (its subfolders included) and carrying every one of the tags, and the
// variables their fields become.

/** Which items to take. */
export interface Selection {
  vault: string;
  folder?: string | undefined;
  tags?: string[] | undefined;
}

/** A field of a selected item as `run` exports it: the variable, the reference that reads it, whether it is secret. */
export interface SelectedField {
  variable: string;
  reference: string;
  item: Item;
  fieldId: string | null;
}

/** The one vault named or identified by `name`; throws CliError (no access, ambiguous). */
export function vaultOf(readable: ReadableVaults, name: string): Vault {
  const found = readable.vaults.filter((vault) => vault.id === name || vault.name === name);
  if (found.length === 0) throw new CliError(EXIT.noAccess, `No vault "${name}" among the ${readable.vaults.length} you can read (it does not exist, or you have no access).`);
  if (found.length > 1) throw new CliError(EXIT.ambiguousReference, `${found.length} vaults are named "${name}"; use one of the ids: ${found.map((vault) => vault.id).join(', ')}`);
  return found[0]!;
}

function underFolder(readable: ReadableVaults, item: Item, folderPath: string[]): boolean {
  const path = readable.folderPath(item.folderId);
  return folderPath.every((segment, index) => path[index] !== undefined && (path[index]!.name === segment || path[index]!.id === segment));
}

/** The items `selection` takes, in name order. */
export function selectItems(readable: ReadableVaults, selection: Selection): { vault: Vault; items: Item[] } {
  const vault = vaultOf(readable, selection.vault);
  const folderPath = selection.folder ? selection.folder.split('/').filter((segment) => segment !== '') : [];
  const tags = selection.tags ?? [];
  const items = readable.items
    .filter((item) => item.vaultId === vault.id && underFolder(readable, item, folderPath))
    .filter((item) => tags.every((tag) => item.tags.includes(tag)))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { vault, items };
}

/** Every field of the selected items (login first) under its variable; throws when two fields get one name. */
export function selectedFields(readable: ReadableVaults, vault: Vault, items: readonly Item[]): SelectedField[] {
  const fields: SelectedField[] = [];
  const taken = new Map<string, string>();
  const vaultSegment = readable.vaults.filter((candidate) => candidate.name === vault.name).length === 1 ? vault.name : vault.id;
  for (const item of items) {
    const entries = [...(item.login ? [{ label: 'login', id: null }] : []), ...item.fields.map((field) => ({ label: field.label, id: field.id }))];
    for (const entry of entries) {
      const variable = variableName(item.name, entry.label);
      const reference = formatReference({ vault: vaultSegment, folders: [], item: item.id, field: entry.id ?? 'login' });
      const clash = taken.get(variable);
      if (clash) throw new CliError(EXIT.ambiguousReference, `Two fields would both be ${variable}: ${clash} and ${reference}. Rename one, or use --env-file.`);
      taken.set(variable, reference);
      fields.push({ variable, reference, item, fieldId: entry.id });
    }
  }
  return fields;
}
