import { readFileSync } from 'node:fs';
import { ArchivePasswordError } from '../../lib/crypto/export-archive';
import { reportImport } from '../../lib/vault/export/transfer-reports';
import { apiDestination } from '../../lib/vault/import/api-destination';
import { ImportFormatError, type ImportSkip } from '../../lib/vault/import/imported-entry';
import { runImport } from '../../lib/vault/import/importer';
import { IMPORT_FORMATS } from '../../lib/vault/import/parse-import';
import { KEYHOLD_ARCHIVE, readImportFile, type ImportSource } from '../../lib/vault/import/read-import-file';
import { CliError, EXIT } from '../exit-codes';
import { vaultOf } from '../run/selection';
import { readVaults } from '../session/open-session';
import { openPersonOnly } from '../session/person-only';
import { archivePasswordToRead } from '../terminal/archive-password';
import { progressBar } from '../terminal/progress-bar';
import type { Command } from './command';
import { parseFlags } from './flags';

const SOURCES: readonly string[] = [KEYHOLD_ARCHIVE, ...IMPORT_FORMATS.map((format) => format.id)];

const HELP = `Usage: keyhold import FILE --format FORMAT --vault VAULT [--folder PATH]

Imports the entries of FILE into VAULT (a name or an id), under PATH (folders are created as
needed). Entries the vault already holds, and repeats within the file, are skipped, so importing
the same file twice creates nothing new. Prints what was imported and what was skipped, and why.
      --format FORMAT   ${SOURCES.join(', ')}
                        (${KEYHOLD_ARCHIVE}: a "keyhold export" archive; its password from
                        KEYHOLD_ARCHIVE_PASSWORD or typed)
      --vault VAULT     the vault to import into (you need edit access)
      --folder PATH     a folder path inside it, e.g. "Imported/Bitwarden"`;

const REASONS: Record<ImportSkip['reason'], string> = {
  unsupportedType: 'a kind of entry Keyhold does not import (card, identity…)',
  empty: 'no name, login, password, URL or note',
  malformed: 'unreadable, or over a limit of the server',
  duplicate: 'already in the vault (or earlier in the file)',
};

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(EXIT.usage, `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function candidatesOf(format: ImportSource, file: Uint8Array) {
  try {
    return await readImportFile(format, file, format === KEYHOLD_ARCHIVE ? await archivePasswordToRead() : '');
  } catch (error) {
    if (error instanceof ImportFormatError) throw new CliError(EXIT.usage, `${error.message} (is --format right?)`);
    if (error instanceof ArchivePasswordError) throw new CliError(EXIT.wrongCredentials, error.message);
    throw error;
  }
}

/** The summary printed on stdout: the count, then one line per skipped record. */
export function formatSummary(vaultName: string, summary: { imported: number; skipped: ImportSkip[] }): string {
  const lines = [`Imported ${summary.imported} ${summary.imported === 1 ? 'entry' : 'entries'} into "${vaultName}"; skipped ${summary.skipped.length}.`];
  for (const skip of summary.skipped) lines.push(`  #${skip.position} ${skip.name || '(no name)'}: ${REASONS[skip.reason]}`);
  return lines.join('\n');
}

/** `keyhold import`: another manager's export (or a Keyhold archive) into a vault. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import another password manager’s export, or a Keyhold archive, into a vault',
  help: HELP,
  run: async (args, output) => {
    const { values, positionals } = parseFlags('import', args, { format: { type: 'string' }, vault: { type: 'string' }, folder: { type: 'string' } });
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0) throw new CliError(EXIT.usage, 'keyhold import takes one FILE. Run "keyhold import --help".');
    if (!values.format || !SOURCES.includes(values.format)) throw new CliError(EXIT.usage, `keyhold import --format takes ${SOURCES.join(', ')}.`);
    if (!values.vault) throw new CliError(EXIT.usage, 'keyhold import needs --vault.');
    const format = values.format as ImportSource;
    const { candidates, skipped, keepRepeats } = await candidatesOf(format, readFile(path));
    const identity = await openPersonOnly('import');
    const readable = await readVaults(identity);
    const vault = vaultOf(readable, values.vault);
    const vaultKey = await readable.vaultKey(vault.id, vault.keyVersion);
    const folders = readable.folders.filter((folder) => folder.vaultId === vault.id).map(({ id, parentId, name }) => ({ id, parentId, name }));
    const destination = apiDestination(identity.api, { vaultKey, folders, items: readable.items.filter((item) => item.vaultId === vault.id) });
    // --folder is the start of every entry's folder path, so it is created like the file's folders.
    const base = (values.folder ?? '').split('/').filter((part) => part.trim() !== '');
    const bar = progressBar('Importing');
    const summary = await runImport(
      candidates.map((candidate) => ({ ...candidate, folderPath: [...base, ...candidate.folderPath] })),
      skipped,
      destination,
      { folderId: null, onProgress: bar.update, keepRepeats },
    ).finally(bar.finish);
    await reportImport(identity.api, vault.id, format, { imported: summary.imported, skipped: summary.skipped.length });
    output.out(formatSummary(vault.name, summary));
    return EXIT.ok;
  },
};
