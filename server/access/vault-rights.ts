import { effectiveRight, type EffectiveRight, type Grant, type Scope } from './effective-right';
import { allows, atLeast, isLevel, type Action, type Level } from './levels';

// One user's rights across the vaults they have any entry in, built from the rows the rule reads
// (their own and their groups' vault_access rows) and the folder tree of each vault where some of
// those rows sit on folders. Routes, search and sync ask this one object; the rule itself stays in
// effective-right.ts.

/** A vault_access row as the rule reads it; level is one of the six levels, or 'reset' on a user row. */
export interface AccessRow {
  vault_id: string;
  principal_type: string;
  principal_id: string;
  folder_id: string;
  level: string;
}

/** A folder's place in its vault's tree. */
export interface FolderLink {
  id: string;
  vault_id: string;
  parent_id: string | null;
}

/** Beyond this depth a parent chain is taken to be a loop (the API never builds one). */
const MAX_DEPTH = 256;

export interface VaultRights {
  /** The vaults where the user may see anything: a level of at least navigation at the root or at some folder. */
  readonly vaultIds: string[];
  /** The right at the vault root (folderId null) or at a folder, with its source. */
  at(vaultId: string, folderId: string | null): EffectiveRight;
  /** The level at the vault root or a folder (null: no access). */
  levelAt(vaultId: string, folderId: string | null): Level | null;
  /** True when the level at the scope allows `action`. */
  allows(vaultId: string, folderId: string | null, action: Action): boolean;
  /**
   * The vault's level as the vault list shows it: the root's, or navigation when only folders
   * open it (their ancestors are shown for the way down). Null when nothing in it is visible.
   */
  vaultLevel(vaultId: string): Level | null;
  /** True when some scope of the vault lets the user read entries: they get a wrap of its key. */
  readsAnywhere(vaultId: string): boolean;
  /** True when every folder of the vault has the root's level (no folder entries of the user's principals). */
  uniform(vaultId: string): boolean;
  /** A folder is shown when its level is at least navigation, or it lies on the way to one that is. */
  showsFolder(vaultId: string, folderId: string): boolean;
  /** The folders of a non-uniform vault where entries may be read (the root is asked with `allows`). */
  readableFolders(vaultId: string): string[];
}

/** Splits the rows into the rule's grants and the user's resets. */
function grantsOf(rows: readonly AccessRow[]): { grants: Grant[]; resets: Scope[] } {
  const grants: Grant[] = [];
  const resets: Scope[] = [];
  for (const row of rows) {
    const scope = { vaultId: row.vault_id, folderId: row.folder_id || null };
    if (row.level === 'reset' && row.principal_type === 'user') resets.push(scope);
    else if (isLevel(row.level) && (row.principal_type === 'user' || row.principal_type === 'group')) grants.push({ scope, principal: { type: row.principal_type, id: row.principal_id }, level: row.level });
  }
  return { grants, resets };
}

/**
 * The rights of `userId`, a member of `groupIds`, given every access row of theirs and their groups
 * (`rows`) and the folders of each vault where one of those rows is on a folder (`folders`).
 */
export function vaultRights(input: { userId: string; groupIds: readonly string[]; rows: readonly AccessRow[]; folders: readonly FolderLink[] }): VaultRights {
  const rowsByVault = new Map<string, AccessRow[]>();
  for (const row of input.rows) rowsByVault.set(row.vault_id, [...(rowsByVault.get(row.vault_id) ?? []), row]);
  const inputs = new Map([...rowsByVault].map(([vaultId, rows]) => [vaultId, grantsOf(rows)]));
  const folderScoped = new Set(input.rows.filter((row) => row.folder_id !== '').map((row) => row.vault_id));
  const parents = new Map(input.folders.map((folder) => [folder.id, folder]));
  const foldersByVault = new Map<string, string[]>();
  for (const folder of input.folders) foldersByVault.set(folder.vault_id, [...(foldersByVault.get(folder.vault_id) ?? []), folder.id]);

  /** Folder ids from the root down to `folderId` (a folder of another vault, or unknown, gives only itself). */
  const pathTo = (vaultId: string, folderId: string): string[] => {
    const path: string[] = [];
    for (let id: string | null = folderId; id !== null && path.length < MAX_DEPTH; ) {
      path.unshift(id);
      const link = parents.get(id);
      id = link && link.vault_id === vaultId ? link.parent_id : null;
    }
    return path;
  };

  const cache = new Map<string, EffectiveRight>();
  const at = (vaultId: string, folderId: string | null): EffectiveRight => {
    // Without folder entries a folder's right is the root's: one answer per vault.
    const key = folderId !== null && folderScoped.has(vaultId) ? `${vaultId}/${folderId}` : vaultId;
    const cached = cache.get(key);
    if (cached) return cached;
    const { grants, resets } = inputs.get(vaultId) ?? { grants: [], resets: [] };
    const folderIds = folderId !== null && folderScoped.has(vaultId) ? pathTo(vaultId, folderId) : [];
    const right = effectiveRight({ path: { vaultId, folderIds }, userId: input.userId, groupIds: input.groupIds, grants, resets });
    cache.set(key, right);
    return right;
  };
  const levelAt = (vaultId: string, folderId: string | null) => at(vaultId, folderId).level;
  const opens = (level: Level | null) => level !== null && atLeast(level, 'navigation');
  const folderIdsOf = (vaultId: string) => foldersByVault.get(vaultId) ?? [];

  const shownCache = new Map<string, Set<string>>();
  const shownFolders = (vaultId: string): Set<string> => {
    const cached = shownCache.get(vaultId);
    if (cached) return cached;
    const shown = new Set<string>();
    for (const folderId of folderIdsOf(vaultId)) if (opens(levelAt(vaultId, folderId))) for (const id of pathTo(vaultId, folderId)) shown.add(id);
    shownCache.set(vaultId, shown);
    return shown;
  };

  const vaultLevel = (vaultId: string): Level | null => {
    const root = levelAt(vaultId, null);
    if (opens(root)) return root;
    return folderScoped.has(vaultId) && shownFolders(vaultId).size > 0 ? 'navigation' : null;
  };

  return {
    vaultIds: [...rowsByVault.keys()].filter((vaultId) => vaultLevel(vaultId) !== null),
    at,
    levelAt,
    allows: (vaultId, folderId, action) => allows(levelAt(vaultId, folderId), action),
    vaultLevel,
    readsAnywhere: (vaultId) => allows(levelAt(vaultId, null), 'readEntries') || (folderScoped.has(vaultId) && folderIdsOf(vaultId).some((folderId) => allows(levelAt(vaultId, folderId), 'readEntries'))),
    uniform: (vaultId) => !folderScoped.has(vaultId),
    showsFolder: (vaultId, folderId) => (folderScoped.has(vaultId) ? shownFolders(vaultId).has(folderId) : opens(levelAt(vaultId, null))),
    readableFolders: (vaultId) => folderIdsOf(vaultId).filter((folderId) => allows(levelAt(vaultId, folderId), 'readEntries')),
  };
}
