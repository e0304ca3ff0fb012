import { fromUtf8, utf8 } from '../../crypto/bytes';
import { MalformedError } from '../../crypto/errors';
import { FIELD_TYPES, URL_MATCHES } from '../../contract/item-kinds';
import type { ExportedEntry, ExportedFolder, ExportedVault } from './exported-vault';

// The plaintext inside an encrypted archive (docs/cryptography.md, "Export archives"): JSON lines,
// one record each — a first `archive` line, then each vault followed by its folders (parents first)
// and its entries. Lines keep memory flat for a reader that streams, and a line is easy to inspect
// once decrypted. The reader checks every record: the archive's maker is not trusted to be us.
// The checks are written out rather than a zod schema: zod's core would be most of the vault
// page's import chunk, and the extension's zip has a size budget.

const ARCHIVE_FORMAT = 'keyhold-archive';

type Json = Record<string, unknown>;
type Line = { type: 'archive'; createdAt: number } | { type: 'vault'; id: string; name: string } | ({ type: 'folder'; vaultId: string } & ExportedFolder) | { type: 'entry'; vaultId: string; entry: ExportedEntry };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string => isText(value) && value !== '';
const isNullableText = (value: unknown): value is string | null => value === null || isText(value);
const isListOf = <T>(value: unknown, each: (item: unknown) => item is T): value is T[] => Array.isArray(value) && value.every(each);
const isUrl = (value: unknown): value is ExportedEntry['urls'][number] => isObject(value) && isText(value.url) && (URL_MATCHES as readonly unknown[]).includes(value.match);
const isField = (value: unknown): value is ExportedEntry['fields'][number] => isObject(value) && isText(value.id) && (FIELD_TYPES as readonly unknown[]).includes(value.type) && isText(value.label) && isText(value.value);

function entryOf(record: Json): ExportedEntry | null {
  const { folderId, name, login, urls, fields, tags, colour, description, favourite } = record;
  if (!isNullableText(folderId) || !isText(name) || !isText(login) || !isListOf(urls, isUrl) || !isListOf(fields, isField) || !isListOf(tags, isText) || !isNullableText(colour) || !isText(description) || typeof favourite !== 'boolean') return null;
  return { folderId, name, login, urls: urls.map(({ url, match }) => ({ url, match })), fields: fields.map(({ id, type, label, value }) => ({ id, type, label, value })), tags, colour, description, favourite };
}

/** One line as a record, or null when it is not exactly one of the four kinds. */
function lineOf(record: unknown): Line | null {
  if (!isObject(record)) return null;
  switch (record.type) {
    case 'archive':
      return record.format === ARCHIVE_FORMAT && record.version === 1 && Number.isSafeInteger(record.createdAt) ? { type: 'archive', createdAt: record.createdAt as number } : null;
    case 'vault':
      return isId(record.id) && isText(record.name) ? { type: 'vault', id: record.id, name: record.name } : null;
    case 'folder':
      return isId(record.vaultId) && isId(record.id) && isNullableText(record.parentId) && isText(record.name) ? { type: 'folder', vaultId: record.vaultId, id: record.id, parentId: record.parentId, name: record.name } : null;
    case 'entry': {
      const entry = isId(record.vaultId) ? entryOf(record) : null;
      return entry ? { type: 'entry', vaultId: record.vaultId as string, entry } : null;
    }
    default:
      return null;
  }
}

/** The JSON lines of an archive holding `vaults`. */
export function archivePlaintext(vaults: ExportedVault[], createdAt: number): Uint8Array {
  const lines: unknown[] = [{ type: 'archive', format: ARCHIVE_FORMAT, version: 1, createdAt }];
  for (const vault of vaults) {
    lines.push({ type: 'vault', id: vault.id, name: vault.name });
    for (const folder of vault.folders) lines.push({ type: 'folder', vaultId: vault.id, ...folder });
    for (const entry of vault.entries) lines.push({ type: 'entry', vaultId: vault.id, ...entry });
  }
  return utf8(lines.map((record) => JSON.stringify(record)).join('\n') + '\n');
}

/** The vaults in an archive's plaintext; throws MalformedError for anything but the records above. */
export function readArchivePlaintext(plaintext: Uint8Array): { createdAt: number; vaults: ExportedVault[] } {
  const lines = fromUtf8(plaintext).split('\n').filter((text) => text !== '');
  const records = lines.map((text, index) => {
    let record: Line | null = null;
    try {
      record = lineOf(JSON.parse(text));
    } catch {
      // not JSON: refused below
    }
    if (!record) throw new MalformedError(`archive record ${index + 1}`);
    return record;
  });
  const [first, ...rest] = records;
  if (first?.type !== 'archive') throw new MalformedError('archive (no archive record first)');
  const vaults = new Map<string, ExportedVault>();
  for (const record of rest) {
    if (record.type === 'archive') throw new MalformedError('archive (a second archive record)');
    if (record.type === 'vault') {
      vaults.set(record.id, { id: record.id, name: record.name, folders: [], entries: [] });
      continue;
    }
    const vault = vaults.get(record.vaultId);
    if (!vault) throw new MalformedError('archive (a record before its vault)');
    if (record.type === 'folder') vault.folders.push({ id: record.id, parentId: record.parentId, name: record.name });
    else vault.entries.push(record.entry);
  }
  return { createdAt: first.createdAt, vaults: [...vaults.values()] };
}
