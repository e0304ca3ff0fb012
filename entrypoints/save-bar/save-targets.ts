import { levelAllows } from '../../lib/contract/access-levels';
import type { FolderNode, VaultNode, VaultTree } from '../../lib/cache/vault-tree';

/** One choice of the bar's folder select: the folder's id and its path from the vault's top. */
export interface FolderChoice {
  id: string;
  /** "Work / Banks": a path reads the same to a screen reader and in a narrow select, where indentation would not. */
  label: string;
}

const editable = (folder: FolderNode): boolean => levelAllows(folder.level, 'edit') || folder.children.some(editable);

/**
 * The vaults a new login can go to, the default first: the user's private vault when they may
 * write to it (a login caught on a site is more often their own than the team's), then the others
 * in the tree's order. A vault the user may write to neither at its top level nor in any folder is
 * left out, and so is one whose key no one has given them yet ("access pending"): the worker could
 * not seal an entry for it.
 */
export function writableVaults(tree: VaultTree): VaultNode[] {
  const writable = tree.vaults.filter((vault) => vault.hasKey && (levelAllows(vault.level, 'edit') || vault.folders.some(editable)));
  const first = writable.find((vault) => vault.kind === 'private');
  return first ? [first, ...writable.filter((vault) => vault !== first)] : writable;
}

/**
 * The folders of a vault a new login can go to (the user may edit there), parents before their
 * children as the tree orders them, each labelled with its path: a folder the user may only read
 * still names the way to an editable one below it.
 */
export function folderChoices(folders: readonly FolderNode[], parents: readonly string[] = []): FolderChoice[] {
  return folders.flatMap((folder) => {
    const path = [...parents, folder.name];
    const own = levelAllows(folder.level, 'edit') ? [{ id: folder.id, label: path.join(' / ') }] : [];
    return [...own, ...folderChoices(folder.children, path)];
  });
}
