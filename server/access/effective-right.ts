import { highest, type Level } from './levels';

// The one effective-right rule (issue #10, item 1), pure so every route, the sync and the vault
// page's "who has access and from where" ask the same question the same way. docs/access-control.md
// states it with worked examples; in short:
//   1. Each principal's right at the target is its grant at the deepest scope on the target's path
//      (vault root, then folders down to the target) where it has one: a folder's grant overrides
//      the vault's for the whole subtree, forbidden included.
//   2. The user's own nearest entry, when it is a level, is the answer, whatever the groups give.
//   3. Otherwise (no own entry on the path, or the nearest is a reset) the answer is the highest of
//      the groups' rights from step 1, forbidden counting as the lowest level; null without any.
// Forbidden in one group masks only that group's own broader grant, never another group's: groups
// only ever add. Denying a folder to one person despite their groups takes a personal forbidden.

/** A vault's root (folderId null) or one of its folders. */
export interface Scope {
  vaultId: string;
  folderId: string | null;
}

/** What is being accessed: a vault, and the folder ids from its root down to the target (none for the root). */
export interface TargetPath {
  vaultId: string;
  folderIds: readonly string[];
}

export type Principal = { type: 'user'; id: string } | { type: 'group'; id: string };

/** One row of vault_access: `principal` holds `level` at `scope` and, unless overridden, below it. */
export interface Grant {
  scope: Scope;
  principal: Principal;
  level: Level;
}

export interface EffectiveRightInput {
  path: TargetPath;
  userId: string;
  /** The groups the user belongs to; grants of other groups are ignored. */
  groupIds?: readonly string[];
  /** Any grants: those of other principals, other vaults and scopes off the path are ignored. */
  grants: readonly Grant[];
  /** The user's "reset" markers: from here down, the groups' highest decides again. */
  resets?: readonly Scope[];
}

/** A group whose grant at `scope` gives the winning level. */
export interface GroupOrigin {
  groupId: string;
  scope: Scope;
}

/**
 * Where the level comes from, for the vault page: the user's own grant at a scope, or every group
 * that gives the winning level (sorted by id), or nothing. `reset` names the user's reset marker
 * that handed the decision to the groups, when there is one.
 */
export type RightSource = { kind: 'user'; scope: Scope } | { kind: 'groups'; from: GroupOrigin[]; reset: Scope | null } | { kind: 'none'; reset: Scope | null };

export interface EffectiveRight {
  /** null: no grant at all on the path. Routes answer null and forbidden alike, as 404. */
  level: Level | null;
  source: RightSource;
}

interface Entry {
  depth: number;
  scope: Scope;
  level: Level | 'reset';
}

/** How deep `scope` lies on `path` (0 for the vault root), or -1 when it is not on it. */
export function depthOnPath(path: TargetPath, scope: Scope): number {
  if (scope.vaultId !== path.vaultId) return -1;
  if (scope.folderId === null) return 0;
  const index = path.folderIds.lastIndexOf(scope.folderId);
  return index < 0 ? -1 : index + 1;
}

/**
 * The entry at the deepest scope, or null. Throws on two entries at one scope: the primary key of
 * vault_access (vault, principal, folder) makes that impossible, so it means the caller built the
 * input wrongly, and guessing which one counts is no answer for an access check.
 */
function nearest(entries: readonly Entry[], who: string): Entry | null {
  const depths = new Set<number>();
  let found: Entry | null = null;
  for (const entry of entries) {
    if (depths.has(entry.depth)) throw new Error(`two access entries for ${who} at one scope`);
    depths.add(entry.depth);
    if (!found || entry.depth > found.depth) found = entry;
  }
  return found;
}

/** The entries on the path, grouped by principal key (`user` or `group:<id>`). */
function entriesOnPath(input: EffectiveRightInput): Map<string, Entry[]> {
  const groups = new Set(input.groupIds ?? []);
  const byPrincipal = new Map<string, Entry[]>();
  const add = (key: string, scope: Scope, level: Entry['level']) => {
    const depth = depthOnPath(input.path, scope);
    if (depth < 0) return;
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), { depth, scope, level }]);
  };
  for (const grant of input.grants) {
    const { principal } = grant;
    if (principal.type === 'user' && principal.id === input.userId) add('user', grant.scope, grant.level);
    if (principal.type === 'group' && groups.has(principal.id)) add(`group:${principal.id}`, grant.scope, grant.level);
  }
  for (const scope of input.resets ?? []) add('user', scope, 'reset');
  return byPrincipal;
}

/** The highest of the groups' nearest grants, with every group that gives it; null without any. */
function groupsHighest(byPrincipal: Map<string, Entry[]>): { level: Level; from: GroupOrigin[] } | null {
  const rights: { groupId: string; scope: Scope; level: Level }[] = [];
  for (const [key, entries] of byPrincipal) {
    if (!key.startsWith('group:')) continue;
    // Groups carry no reset markers (entriesOnPath adds them to the user only).
    const entry = nearest(entries, key)!;
    rights.push({ groupId: key.slice('group:'.length), scope: entry.scope, level: entry.level as Level });
  }
  const level = highest(rights.map((right) => right.level));
  if (level === null) return null;
  const from = rights
    .filter((right) => right.level === level)
    .map(({ groupId, scope }) => ({ groupId, scope }))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  return { level, from };
}

/** The user's effective right at `input.path` and where it comes from. Throws on two entries of one principal at one scope. */
export function effectiveRight(input: EffectiveRightInput): EffectiveRight {
  const byPrincipal = entriesOnPath(input);
  const own = nearest(byPrincipal.get('user') ?? [], 'the user');
  if (own && own.level !== 'reset') return { level: own.level, source: { kind: 'user', scope: own.scope } };
  const reset = own ? own.scope : null;
  const groups = groupsHighest(byPrincipal);
  if (!groups) return { level: null, source: { kind: 'none', reset } };
  return { level: groups.level, source: { kind: 'groups', from: groups.from, reset } };
}
