import { z } from 'zod/mini';
import { fromUtf8, utf8 } from '../../crypto/bytes';
import { MalformedError } from '../../crypto/errors';
import { FIELD_TYPES, URL_MATCHES } from '../../contract/item-kinds';
import type { ExportedVault } from './exported-vault';

// The plaintext inside an encrypted archive (docs/cryptography.md, "Export archives"): JSON lines,
// one record each — a first `archive` line, then each vault followed by its folders (parents first)
// and its entries. Lines keep memory flat for a reader that streams, and a line is easy to inspect
// once decrypted. The reader checks every record: the archive's maker is not trusted to be us.

const ARCHIVE_FORMAT = 'keyhold-archive';

const archiveLine = z.object({ type: z.literal('archive'), format: z.literal(ARCHIVE_FORMAT), version: z.literal(1), createdAt: z.int() });
const id = z.string().check(z.minLength(1));
const vaultLine = z.object({ type: z.literal('vault'), id, name: z.string() });
const folderLine = z.object({ type: z.literal('folder'), id, vaultId: id, parentId: z.nullable(z.string()), name: z.string() });
const entryLine = z.object({
  type: z.literal('entry'),
  vaultId: id,
  folderId: z.nullable(z.string()),
  name: z.string(),
  login: z.string(),
  urls: z.array(z.object({ url: z.string(), match: z.enum(URL_MATCHES) })),
  fields: z.array(z.object({ id: z.string(), type: z.enum(FIELD_TYPES), label: z.string(), value: z.string() })),
  tags: z.array(z.string()),
  colour: z.nullable(z.string()),
  description: z.string(),
  favourite: z.boolean(),
});
const line = z.discriminatedUnion('type', [archiveLine, vaultLine, folderLine, entryLine]);

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
    try {
      return line.parse(JSON.parse(text));
    } catch {
      throw new MalformedError(`archive record ${index + 1}`);
    }
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
    else {
      const { type: _type, vaultId: _vaultId, ...entry } = record;
      vault.entries.push(entry);
    }
  }
  return { createdAt: first.createdAt, vaults: [...vaults.values()] };
}
