import { unzipSync } from 'fflate';
import { collectRecords, type RecordOutcome, type SourceRecord } from './collect-records';
import { type ImportedEntry, type ImportedField, ImportFormatError, type ParsedImport } from './imported-entry';
import { isObject, type JsonObject, list, text } from './json-values';
import { newImportedEntry, nonBlank } from './new-entry';
import { sectionFields } from './onepassword-section-fields';

// 1Password's .1pux export (docs/import.md "1Password .1pux"): a zip whose export.data is JSON,
// accounts → vaults → items. Categories kept: 001 Login, 003 Secure Note, 005 Password.
const KEPT_CATEGORIES = new Set(['001', '003', '005']);
// Login form controls (buttons, checkboxes) that 1Password saved along with the fields a user typed.
const FORM_CONTROLS = new Set(['B', 'C', 'I']);

interface VaultItem {
  item: unknown;
  folderPath: string[];
}

/** The entries of a 1Password .1pux export; throws ImportFormatError when it is not such a zip. */
export function parseOnepassword1pux(file: Uint8Array): ParsedImport {
  const vaults = list(readExportData(file).accounts).flatMap((account) => (isObject(account) ? list(account.vaults) : []));
  // One vault needs no folder of its own; several keep their items apart by vault name.
  const folderPerVault = vaults.length > 1;
  const items = vaults.flatMap((vault) => vaultItems(vault, folderPerVault));
  const records: SourceRecord<VaultItem>[] = items.map((value, index) => ({ position: index + 1, name: titleOf(value.item), value }));
  return collectRecords(records, readItem);
}

function readExportData(file: Uint8Array): JsonObject {
  let files: Record<string, Uint8Array>;
  try {
    // Only export.data is inflated: attachments under files/ could be large and are not imported.
    files = unzipSync(file, { filter: (entry) => entry.name === 'export.data' });
  } catch {
    throw new ImportFormatError('1password-1pux', 'the file is not a zip archive');
  }
  const data = files['export.data'];
  if (!data) throw new ImportFormatError('1password-1pux', 'the zip has no export.data');
  let root: unknown;
  try {
    root = JSON.parse(new TextDecoder().decode(data));
  } catch {
    throw new ImportFormatError('1password-1pux', 'export.data is not JSON');
  }
  if (!isObject(root) || !Array.isArray(root.accounts)) throw new ImportFormatError('1password-1pux', 'export.data has no "accounts" list');
  return root;
}

function vaultItems(vault: unknown, folderPerVault: boolean): VaultItem[] {
  if (!isObject(vault)) return [];
  const name = isObject(vault.attrs) ? text(vault.attrs.name).trim() : '';
  const folderPath = folderPerVault && name ? [name] : [];
  return list(vault.items).map((item) => ({ item, folderPath }));
}

function readItem({ item, folderPath }: VaultItem): RecordOutcome {
  if (!isObject(item)) return 'malformed';
  if (!KEPT_CATEGORIES.has(text(item.categoryUuid))) return 'unsupportedType';
  const details = isObject(item.details) ? item.details : {};
  const overview = isObject(item.overview) ? item.overview : {};
  const entry = newImportedEntry({
    name: text(overview.title),
    password: text(details.password),
    urls: urlsOf(overview),
    notes: text(details.notesPlain),
    folderPath,
    tags: nonBlank(list(overview.tags).map(text)),
  });
  readLoginFields(entry, details.loginFields);
  for (const field of list(details.sections).flatMap((section) => sectionFields(section))) addSectionField(entry, field);
  return entry;
}

function urlsOf(overview: JsonObject): string[] {
  const urls = nonBlank(list(overview.urls).map((url) => (isObject(url) ? text(url.url) : '')));
  return urls.length > 0 ? urls : nonBlank([text(overview.url)]);
}

// The fields of the login form 1Password saved; "designation" marks the username and password.
function readLoginFields(entry: ImportedEntry, loginFields: unknown): void {
  for (const field of list(loginFields)) {
    if (!isObject(field) || FORM_CONTROLS.has(text(field.fieldType))) continue;
    const value = text(field.value);
    if (field.designation === 'username' && !entry.login) entry.login = value;
    else if (field.designation === 'password' && !entry.password) entry.password = value;
    else if (value) entry.customFields.push({ label: text(field.name) || text(field.id), value, secret: field.fieldType === 'P' });
  }
}

// The first one-time-password field is the entry's TOTP; any further one stays a hidden field.
function addSectionField(entry: ImportedEntry, field: ImportedField & { totp: boolean }): void {
  if (field.totp && !entry.totp) entry.totp = field.value.trim();
  else entry.customFields.push({ label: field.label, value: field.value, secret: field.secret });
}

function titleOf(item: unknown): string {
  return isObject(item) && isObject(item.overview) ? text(item.overview.title) : '';
}
