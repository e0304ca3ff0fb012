import { decryptArchive } from '../../crypto/export-archive';
import { readArchivePlaintext } from '../export/archive-contents';
import { archiveCandidates, parsedCandidates } from './import-candidates';
import type { ImportFormat, ImportSkip } from './imported-entry';
import type { ImportCandidate } from './importer';
import { parseImport } from './parse-import';

// Whatever was chosen — another manager's file or a Keyhold archive — read into the importer's
// candidates. Runs where the file is (the vault page, the CLI); nothing here needs the vault's keys.

/** The format id of Keyhold's own encrypted archive. */
export const KEYHOLD_ARCHIVE = 'keyhold-archive';
/** Every format `keyhold import` and the vault page accept. */
export type ImportSource = ImportFormat | typeof KEYHOLD_ARCHIVE;

/** A file read: its candidates, the records its parser left out, and whether repeats within it are distinct entries (runImport's keepRepeats). */
export interface ReadImport {
  candidates: ImportCandidate[];
  skipped: ImportSkip[];
  keepRepeats: boolean;
}

/** The file read into candidates. Throws ImportFormatError, or the archive's crypto errors. */
export async function readImportFile(format: ImportSource, file: Uint8Array, archivePassword = ''): Promise<ReadImport> {
  if (format === KEYHOLD_ARCHIVE) return { candidates: archiveCandidates(readArchivePlaintext(await decryptArchive(archivePassword, file)).vaults), skipped: [], keepRepeats: true };
  const parsed = await parseImport(format, file);
  return { candidates: parsedCandidates(parsed), skipped: parsed.skipped, keepRepeats: false };
}
