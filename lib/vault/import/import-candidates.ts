import { folderPathIn, type ExportedVault } from '../export/exported-vault';
import { duplicateKey } from './duplicate-key';
import type { ParsedImport } from './imported-entry';
import { displayName, importItemOf, keepsLimits } from './imported-item';
import { entryOfMetadata, type ImportCandidate } from './importer';

// What the importer is handed: a parser's entries, or the entries of a Keyhold archive, each with
// the item it becomes and its duplicate key. The key is taken from the entry as it will be stored
// (named as the importer names it), so re-importing a file finds the entries it made.

/** Candidates from a parser's result; positions count the entries in the order the parser read them. */
export function parsedCandidates(parsed: ParsedImport): ImportCandidate[] {
  return parsed.entries.map((entry, index) => {
    const position = (entry as { position?: number }).position ?? index + 1;
    const name = displayName(entry);
    const item = importItemOf(entry);
    // Keyed as stored, exactly as the vault's existing entries are keyed (entryOfMetadata).
    return { position, name, folderPath: entry.folderPath, item, duplicateKey: duplicateKey(item ? entryOfMetadata(item) : { ...entry, name }) };
  });
}

/**
 * Candidates from an archive's vaults. One vault lands as it was; several each land in a folder
 * named after their vault, so a whole account moves into one chosen vault without mixing.
 */
export function archiveCandidates(vaults: ExportedVault[]): ImportCandidate[] {
  let position = 0;
  return vaults.flatMap((vault) =>
    vault.entries.map((entry) => {
      const { folderId, ...item } = entry;
      const folderPath = [...(vaults.length > 1 ? [vault.name] : []), ...folderPathIn(vault.folders, folderId)];
      return { position: ++position, name: entry.name, folderPath, item: keepsLimits(item) ? item : null, duplicateKey: duplicateKey(entryOfMetadata(entry)) };
    }),
  );
}
