import type { ItemInput } from '../item';

// What an export holds, whatever its format: the vaults chosen, their live folders and every live
// entry in clear, as the person sees them. Only the exporting device ever holds this.

/** A folder of an exported vault (ids are the source server's, kept only to rebuild the tree). */
export interface ExportedFolder {
  id: string;
  parentId: string | null;
  name: string;
}

/** An entry in clear, filed by its folder id within its vault. */
export type ExportedEntry = ItemInput;

/** One exported vault. */
export interface ExportedVault {
  id: string;
  name: string;
  folders: ExportedFolder[];
  entries: ExportedEntry[];
}

/** The folder names from the vault's root down to `folderId` ([] at the root). */
export function folderPathIn(folders: readonly ExportedFolder[], folderId: string | null): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let id = folderId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const folder = folders.find((candidate) => candidate.id === id);
    if (!folder) break;
    path.unshift(folder.name);
    id = folder.parentId;
  }
  return path;
}
