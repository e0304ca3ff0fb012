import { levelAllows, type AccessLevel } from '../contract/access-levels';
import type { CacheDirectory } from './directory';
import type { IndexEntry } from './index-entry';

// The vault page's navigation (issue #7): the vaults the user can open, each with its folders
// nested as the server's parent links say, and the tags and colours in use — with how many live entries each
// holds (trash left out). Built from the cache's directory and index, so it works offline. A
// folder in the trash is left out with everything under it; a folder whose parent is unknown (a
// server that withheld it, or one naming a folder of another vault) is shown at its vault's top
// level rather than lost.

/** A folder and those inside it. */
export interface FolderNode {
  id: string;
  name: string;
  /** The user's effective level here (folder rights may differ from the vault's). */
  level: AccessLevel;
  /** Entries directly in this folder. */
  entryCount: number;
  children: FolderNode[];
}

/** A vault, its top-level folders and the user's own access level in it. */
export interface VaultNode {
  id: string;
  name: string;
  kind: 'company' | 'private';
  level: AccessLevel;
  /** False while no member has wrapped the vault's current key to the user yet ("access pending"); true when they may read nothing in it, so need no key. */
  hasKey: boolean;
  /** Entries anywhere in the vault. */
  entryCount: number;
  folders: FolderNode[];
}

/** A folder trashed on its own, not with its parent: what "Restore" brings back, with what went with it. */
export interface TrashedFolder {
  id: string;
  vaultId: string;
  name: string;
  level: AccessLevel;
  deletedAt: number;
}

/** The whole navigation: vaults by name, and each tag and colour in use with its number of entries. */
export interface VaultTree {
  vaults: VaultNode[];
  /** Newest first. */
  trashedFolders: TrashedFolder[];
  tags: { name: string; entryCount: number }[];
  colours: { colour: string; entryCount: number }[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sortDeep(folders: FolderNode[]): FolderNode[] {
  for (const folder of folders) sortDeep(folder.children);
  return folders.sort(byName);
}

/** The tree of `directory`'s vaults and folders with the counts of `entries`. */
export function vaultTree(directory: CacheDirectory, entries: Iterable<IndexEntry>): VaultTree {
  const perVault = new Map<string, number>();
  const perFolder = new Map<string, number>();
  const perTag = new Map<string, { name: string; entryCount: number }>();
  const perColour = new Map<string, number>();
  for (const entry of entries) {
    if (entry.deletedAt !== null) continue;
    if (entry.colour !== null) perColour.set(entry.colour, (perColour.get(entry.colour) ?? 0) + 1);
    perVault.set(entry.vaultId, (perVault.get(entry.vaultId) ?? 0) + 1);
    if (entry.folderId !== null) perFolder.set(entry.folderId, (perFolder.get(entry.folderId) ?? 0) + 1);
    // Tags differing only in case are one tag, shown as first met.
    for (const tag of new Set(entry.tags.map((name) => name.toLowerCase()))) {
      const counted = perTag.get(tag) ?? { name: entry.tags.find((name) => name.toLowerCase() === tag)!, entryCount: 0 };
      counted.entryCount++;
      perTag.set(tag, counted);
    }
  }
  const live = directory.folders.filter((folder) => folder.deletedAt === null);
  // A cache written before folders carried levels has none: the vault's level was everyone's then.
  const vaultLevels = new Map(directory.vaults.map((vault) => [vault.id, vault.level]));
  const levelOf = (folder: CacheDirectory['folders'][number]): AccessLevel => folder.level ?? vaultLevels.get(folder.vaultId) ?? 'read';
  const nodes = new Map(live.map((folder) => [folder.id, { id: folder.id, name: folder.name, level: levelOf(folder), entryCount: perFolder.get(folder.id) ?? 0, children: [] as FolderNode[] }]));
  const trashed = new Set(directory.folders.filter((folder) => folder.deletedAt !== null).map((folder) => folder.id));
  const vaultOf = new Map(live.map((folder) => [folder.id, folder.vaultId]));
  const topLevel = new Map<string, FolderNode[]>();
  for (const folder of live) {
    if (folder.parentId !== null && trashed.has(folder.parentId)) continue;
    // A parent in another vault is as good as unknown.
    const parent = folder.parentId !== null && vaultOf.get(folder.parentId) === folder.vaultId ? nodes.get(folder.parentId) : undefined;
    if (parent) parent.children.push(nodes.get(folder.id)!);
    else topLevel.set(folder.vaultId, [...(topLevel.get(folder.vaultId) ?? []), nodes.get(folder.id)!]);
  }
  // Someone who may read nothing in a vault (navigation only, everywhere) never gets its key: nothing is pending for them.
  const reads = new Set([...directory.vaults.filter((vault) => levelAllows(vault.level, 'read')).map((vault) => vault.id), ...directory.folders.filter((folder) => levelAllows(levelOf(folder), 'read')).map((folder) => folder.vaultId)]);
  const vaults = directory.vaults.map((vault) => ({
    id: vault.id,
    name: vault.name,
    kind: vault.kind,
    level: vault.level,
    // The directory holds only the user's own wraps.
    hasKey: !reads.has(vault.id) || directory.wraps.some((wrap) => wrap.kind === 'vault' && wrap.subjectId === vault.id && wrap.keyVersion === vault.keyVersion),
    entryCount: perVault.get(vault.id) ?? 0,
    folders: sortDeep(topLevel.get(vault.id) ?? []),
  }));
  const colours = [...perColour].map(([colour, entryCount]) => ({ colour, entryCount })).sort((a, b) => (a.colour < b.colour ? -1 : 1));
  // A folder that went with its parent (the server stamps a trashed subtree with one time) comes back
  // with it; one trashed on its own, before its parent, is restored by itself (to the top level).
  const trashedAt = new Map(directory.folders.map((folder) => [folder.id, folder.deletedAt]));
  const trashedFolders = directory.folders
    .filter((folder) => folder.deletedAt !== null && !(folder.parentId !== null && trashedAt.get(folder.parentId) === folder.deletedAt))
    .map((folder) => ({ id: folder.id, vaultId: folder.vaultId, name: folder.name, level: levelOf(folder), deletedAt: folder.deletedAt! }))
    .sort((a, b) => b.deletedAt - a.deletedAt);
  return { vaults: vaults.sort(byName), trashedFolders, tags: [...perTag.values()].sort(byName), colours };
}

/** The user's level at a vault's root (folderId null) or one of its live folders; null when the tree has neither. */
export function levelIn(tree: VaultTree, vaultId: string, folderId: string | null): AccessLevel | null {
  const vault = tree.vaults.find((candidate) => candidate.id === vaultId);
  if (!vault) return null;
  if (folderId === null) return vault.level;
  const stack = [...vault.folders];
  while (stack.length) {
    const folder = stack.pop()!;
    if (folder.id === folderId) return folder.level;
    stack.push(...folder.children);
  }
  return null;
}
