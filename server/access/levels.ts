// Passwork 7's six access levels and what each allows (issue #10, item 1; docs/access-control.md).
// The ids of the four levels the API already speaks are lib/contract/access-levels.ts's spellings
// ('read', 'edit', 'full', 'admin'); effective-right.test.ts holds the two lists together.

/** Weakest first; a level allows everything every weaker level allows. */
export const LEVELS = ['forbidden', 'navigation', 'read', 'edit', 'full', 'admin'] as const;
export type Level = (typeof LEVELS)[number];

/** True when `value` is one of the six level ids. */
export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The level's position in LEVELS (0 for forbidden). */
export function rankOf(level: Level): number {
  return LEVELS.indexOf(level);
}

/** True when `level` allows what `needed` allows. */
export function atLeast(level: Level, needed: Level): boolean {
  return rankOf(level) >= rankOf(needed);
}

/** The strongest of `levels`, or null for none (forbidden is a level: it beats null). */
export function highest(levels: Iterable<Level>): Level | null {
  let best: Level | null = null;
  for (const level of levels) if (best === null || rankOf(level) > rankOf(best)) best = level;
  return best;
}

/**
 * The weakest level that allows each action, in the folder (or vault root) the action touches.
 * Levels are cumulative, as in Passwork's table, so a minimum per action is the whole table.
 */
export const MINIMUM_LEVEL = {
  // "Navigation: folder names only": the folder tree, never an entry. Folder names are clear
  // metadata on the server, so this needs no vault key.
  listFolderNames: 'navigation',
  // "Read only": entries with their clear metadata (name, login, URLs drive autofill, so they are
  // as sensitive as the secrets), encrypted fields, attachments and revisions. The vault key is
  // wrapped to whoever reads anything in the vault; export is reading, done on the client.
  readEntries: 'read',
  // "Read and edit": Passwork's read-and-edit creates and edits entries and adds folders.
  createEntries: 'edit',
  editEntries: 'edit',
  createFolders: 'edit',
  // "Full access" is Passwork's "any action with passwords and folders". What it adds over edit
  // is what removes things from everyone's view or hands them outside the access list:
  // deleting entries (trash, restore, purge: a purge also destroys the revisions that let an
  // edit be undone), renaming, trashing and purging folders (a folder's trash takes every entry
  // under it), sharing single entries (links, shortcuts, inbox: issue #10 item 2 lets an entry
  // reach people the vault's rights never named), seeing who has access and where from (Passwork
  // shows accesses from full access up), and renaming the vault (the issue gives full
  // "everything but deleting the vault and managing access").
  deleteEntries: 'full',
  manageFolders: 'full',
  shareEntries: 'full',
  viewAccess: 'full',
  renameVault: 'full',
  // "Administrator: also manages access and deletes the vault". Moving a folder is managing
  // access too: its subtree stops inheriting from the old parent's rights and starts inheriting
  // from the new one's, so everyone's effective right below it may change (Passwork also keeps
  // moving folders for administrators). Fulfilling queued key grants follows manageAccess.
  moveFolders: 'admin',
  manageAccess: 'admin',
  deleteVault: 'admin',
} as const satisfies Record<string, Level>;

export type Action = keyof typeof MINIMUM_LEVEL;

/** Every action, in MINIMUM_LEVEL's order. */
export const ACTIONS = Object.keys(MINIMUM_LEVEL) as Action[];

/** True when `level` (null: no access at all) allows `action`. */
export function allows(level: Level | null, action: Action): boolean {
  return level !== null && atLeast(level, MINIMUM_LEVEL[action]);
}

/** The actions `level` allows, in ACTIONS order (none for forbidden and null). */
export function actionsOf(level: Level | null): Action[] {
  return ACTIONS.filter((action) => allows(level, action));
}
