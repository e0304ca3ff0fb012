import { collectRecords, type RecordOutcome, type SourceRecord } from './collect-records';
import { type ImportedField, ImportFormatError, type ParsedImport } from './imported-entry';
import { decodeImportText } from './import-text';
import { isObject, type JsonObject, list, text } from './json-values';
import { newImportedEntry, nonBlank, splitFolderPath } from './new-entry';

// Bitwarden's JSON export (docs/import.md "Bitwarden JSON"). Item types: 1 login, 2 secure note,
// 3 card, 4 identity, 5 SSH key. Custom field types: 0 text, 1 hidden, 2 boolean, 3 linked.
const LOGIN = 1;
const SECURE_NOTE = 2;
const HIDDEN_FIELD = 1;
const LINKED_FIELD = 3;

/** The entries of an unencrypted Bitwarden JSON export; throws ImportFormatError for anything else, encrypted exports included. */
export function parseBitwardenJson(file: Uint8Array): ParsedImport {
  const root = readRoot(file);
  const folders = groupNames(root.folders);
  const collections = groupNames(root.collections);
  const items = root.items as unknown[];
  const records: SourceRecord<unknown>[] = items.map((item, index) => ({ position: index + 1, name: nameOf(item), value: item }));
  return collectRecords(records, (item) => readItem(item, folders, collections));
}

function readRoot(file: Uint8Array): JsonObject {
  let root: unknown;
  try {
    root = JSON.parse(decodeImportText(file));
  } catch {
    throw new ImportFormatError('bitwarden-json', 'the file is not JSON');
  }
  if (!isObject(root)) throw new ImportFormatError('bitwarden-json', 'the file is not a Bitwarden export object');
  if (root.encrypted === true) {
    throw new ImportFormatError('bitwarden-json', 'this is an encrypted Bitwarden export; export again from Bitwarden choosing the unencrypted .json format');
  }
  if (!Array.isArray(root.items)) throw new ImportFormatError('bitwarden-json', 'it has no "items" list');
  return root;
}

// Folders (personal export) and collections (organisation export) are both {id, name}; Bitwarden
// nests them by name, "Work/Servers" being "Servers" inside "Work".
function groupNames(groups: unknown): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const group of list(groups)) {
    if (isObject(group) && typeof group.id === 'string' && typeof group.name === 'string') names.set(group.id, splitFolderPath(group.name, '/'));
  }
  return names;
}

function readItem(item: unknown, folders: Map<string, string[]>, collections: Map<string, string[]>): RecordOutcome {
  if (!isObject(item)) return 'malformed';
  if (item.type !== LOGIN && item.type !== SECURE_NOTE) return 'unsupportedType';
  const login = isObject(item.login) ? item.login : {};
  const uris = list(login.uris);
  return newImportedEntry({
    name: text(item.name),
    login: text(login.username),
    password: text(login.password),
    urls: nonBlank(uris.map((uri) => (isObject(uri) ? text(uri.uri) : ''))),
    notes: text(item.notes),
    totp: text(login.totp).trim(),
    folderPath: folderOf(item, folders, collections),
    customFields: fieldsOf(item.fields),
  });
}

function folderOf(item: JsonObject, folders: Map<string, string[]>, collections: Map<string, string[]>): string[] {
  if (typeof item.folderId === 'string' && folders.has(item.folderId)) return folders.get(item.folderId) ?? [];
  const firstCollection = Array.isArray(item.collectionIds) ? item.collectionIds.find((id) => typeof id === 'string' && collections.has(id)) : undefined;
  return typeof firstCollection === 'string' ? (collections.get(firstCollection) ?? []) : [];
}

// A linked field holds no value of its own: it points at the login's username or password.
function fieldsOf(fields: unknown): ImportedField[] {
  return list(fields).filter((field): field is JsonObject => isObject(field) && field.type !== LINKED_FIELD && (text(field.name) !== '' || text(field.value) !== '')).map((field) => ({ label: text(field.name), value: text(field.value), secret: field.type === HIDDEN_FIELD }));
}

function nameOf(item: unknown): string {
  return isObject(item) ? text(item.name) : '';
}
