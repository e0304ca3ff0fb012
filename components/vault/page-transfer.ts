import { ImportFormatError } from '../../lib/vault/import/imported-entry';
import { CryptoError } from '../../lib/crypto/errors';
import { ArchivePasswordError } from '../../lib/crypto/export-archive';
import type { MessageKey } from '../../lib/i18n/translate';
import type { ImportTargetReply } from '../../lib/session/vault-transfer';
import { exportFileName, writeExport, type ExportFormat } from '../../lib/vault/export/write-export';
import { existingKeysOf, runImport, type ImportDestination, type ImportSummary } from '../../lib/vault/import/importer';
import { readImportFile, type ImportSource } from '../../lib/vault/import/read-import-file';
import type { PopupModel } from '../popup/popup-model';

// Import and export in the vault page (docs/import.md): the file is parsed, checked for
// duplicates and written here, in this lazily loaded chunk; the worker, which holds the keys, seals
// each batch of new entries and decrypts the vaults to export. Only entries in clear cross the
// page port, which only extension pages can open.

/** The importer's destination over the page port. */
function pageDestination(page: PopupModel, vaultId: string, target: ImportTargetReply): ImportDestination {
  return {
    vaultId,
    folders: target.folders,
    existingKeys: existingKeysOf(target.items),
    createFolder: async (parentId, name) => (await page.request({ type: 'folder.create', vaultId, parentId, name })).folderId,
    storeItems: async (items) => {
      await page.request({ type: 'import.store', vaultId, items });
    },
  };
}

/** What the page asks for an import. */
export interface ImportChoice {
  format: ImportSource;
  file: Uint8Array;
  archivePassword: string;
  vaultId: string;
  folderId: string | null;
}

/** A file the page could not read, worded for the user. */
export class UnreadableFileError extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
    this.name = 'UnreadableFileError';
  }
}

async function readChosen(choice: ImportChoice) {
  try {
    return await readImportFile(choice.format, choice.file, choice.archivePassword);
  } catch (error) {
    if (error instanceof ImportFormatError) throw new UnreadableFileError('transfer.import.notThatFormat');
    if (error instanceof ArchivePasswordError) throw new UnreadableFileError('transfer.import.wrongArchivePassword');
    if (error instanceof CryptoError) throw new UnreadableFileError('transfer.import.damagedArchive');
    throw error;
  }
}

/** Imports the chosen file; `onProgress` hears each stored batch. Resolves to the summary. */
export async function importInPage(page: PopupModel, choice: ImportChoice, onProgress: (done: number, total: number) => void): Promise<ImportSummary> {
  const { candidates, skipped, keepRepeats } = await readChosen(choice);
  const target = await page.request({ type: 'import.target', vaultId: choice.vaultId });
  // Two batches in flight: the worker seals one while the other travels.
  const summary = await runImport(candidates, skipped, pageDestination(page, choice.vaultId, target), { folderId: choice.folderId, onProgress, inFlight: 2, keepRepeats });
  await page.request({ type: 'import.finish', vaultId: choice.vaultId, format: choice.format, imported: summary.imported, skipped: summary.skipped.length });
  return summary;
}

const MIME_TYPES: Record<ExportFormat, string> = { 'keyhold-archive': 'application/octet-stream', csv: 'text/csv', json: 'application/json' };

/** The export file of the chosen vaults; plain formats need `masterPassword`, the archive `archivePassword`. */
export async function exportInPage(page: PopupModel, choice: { format: ExportFormat; vaultIds: string[]; archivePassword: string; masterPassword: string }): Promise<{ file: Blob; fileName: string; entries: number }> {
  const plain = choice.format !== 'keyhold-archive';
  const { vaults } = await page.request({ type: 'export.read', vaultIds: choice.vaultIds, format: choice.format, ...(plain ? { masterPassword: choice.masterPassword } : {}) });
  const bytes = await writeExport(choice.format, vaults, choice.archivePassword);
  return { file: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME_TYPES[choice.format] }), fileName: exportFileName(choice.format), entries: vaults.reduce((sum, vault) => sum + vault.entries.length, 0) };
}
