import { levelAllows } from '../../lib/contract/access-levels';
import type { FolderNode, VaultNode, VaultTree } from '../../lib/cache/vault-tree';

/** One choice of the bar's folder select: the folder's id and its path from the vault's top. */
export interface FolderChoice {
  id: string;
  /** "Work / Banks": a path reads the same to a screen reader and in a narrow select, where indentation would not. */
  label: string;
}

/**
 * The vaults a new login can go to, the default first: the user's private vault when they may
 * write to it (a login caught on a site is more often their own than the team's), then the others
 * in the tree's order. A vault the user may only read is left out, and so is one whose key no one
 * has given them yet ("access pending"): the worker could not seal an entry for it.
 */
export function writableVaults(tree: VaultTree): VaultNode[] {
  const writable = tree.vaults.filter((vault) => levelAllows(vault.level, 'edit') && vault.hasKey);
  const first = writable.find((vault) => vault.kind === 'private');
  return first ? [first, ...writable.filter((vault) => vault !== first)] : writable;
}

/** A vault's folders, parents before their children as the tree orders them, each labelled with its path. */
export function folderChoices(folders: readonly FolderNode[], parents: readonly string[] = []): FolderChoice[] {
  return folders.flatMap((folder) => {
    const path = [...parents, folder.name];
    return [{ id: folder.id, label: path.join(' / ') }, ...folderChoices(folder.children, path)];
  });
}
