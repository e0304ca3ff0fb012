import { levelAllows, type AccessLevel } from '../../lib/contract/access-levels';
import type { FolderNode, VaultTree } from '../../lib/cache/vault-tree';

// Where things sit in the navigation tree, for sharing one entry: the level at an entry's place
// (sharing needs full access there) and the places a shortcut can go (another vault, with edit).

/** A vault root or folder a shortcut can be placed in, with its path as the user reads it. */
export interface ShortcutPlace {
  vaultId: string;
  folderId: string | null;
  label: string;
}

function findFolder(folders: FolderNode[], folderId: string): FolderNode | null {
  for (const folder of folders) {
    if (folder.id === folderId) return folder;
    const inside = findFolder(folder.children, folderId);
    if (inside) return inside;
  }
  return null;
}

/** The user's level where an entry is filed: its folder's, else its vault's; null when the tree does not hold it. */
export function levelAt(tree: VaultTree | null | undefined, vaultId: string, folderId: string | null): AccessLevel | null {
  const vault = tree?.vaults.find((candidate) => candidate.id === vaultId);
  if (!vault) return null;
  return folderId === null ? vault.level : (findFolder(vault.folders, folderId)?.level ?? null);
}

/** Every vault root and folder outside `exceptVaultId` where the user may create entries and holds the key, in tree order. */
export function shortcutPlaces(tree: VaultTree, exceptVaultId: string): ShortcutPlace[] {
  const places: ShortcutPlace[] = [];
  const walk = (vaultId: string, folders: FolderNode[], path: string) => {
    for (const folder of folders) {
      const label = `${path} / ${folder.name}`;
      if (levelAllows(folder.level, 'edit')) places.push({ vaultId, folderId: folder.id, label });
      walk(vaultId, folder.children, label);
    }
  };
  for (const vault of tree.vaults) {
    if (vault.id === exceptVaultId || !vault.hasKey) continue;
    if (levelAllows(vault.level, 'edit')) places.push({ vaultId: vault.id, folderId: null, label: vault.name });
    walk(vault.id, vault.folders, vault.name);
  }
  return places;
}
