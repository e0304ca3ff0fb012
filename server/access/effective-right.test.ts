import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS } from '../../lib/contract/access-levels';
import { effectiveRight, type EffectiveRightInput, type Grant, type RightSource, type Scope } from './effective-right';
import { ACTIONS, allows, LEVELS, rankOf, type Action, type Level } from './levels';

// The vault V holds folders A ⊃ B ⊃ C (and X beside A); W is another vault. The user u belongs to
// g1, g2 and g3; v is someone else and g9 a group u is not in. Cases are written as
// `principal:level@scope` so the tables read like docs/access-control.md's.

const named = (token: string): Scope => {
  if (token === 'V' || token === 'W') return { vaultId: token, folderId: null };
  if (token.startsWith('W/')) return { vaultId: 'W', folderId: token.slice(2) };
  return { vaultId: 'V', folderId: token };
};
const nameOf = (scope: Scope) => (scope.folderId === null ? scope.vaultId : scope.vaultId === 'V' ? scope.folderId : `${scope.vaultId}/${scope.folderId}`);
const TARGETS: Record<string, string[]> = { V: [], A: ['A'], B: ['A', 'B'], C: ['A', 'B', 'C'] };

function inputOf(entries: string[], target: string): EffectiveRightInput {
  const grants: Grant[] = [];
  const resets: Scope[] = [];
  for (const entry of entries) {
    const [, who, level, where] = /^(\w+):(\w+)@([\w/]+)$/.exec(entry)!;
    if (level === 'reset') resets.push(named(where!));
    else grants.push({ principal: who!.startsWith('g') ? { type: 'group', id: who! } : { type: 'user', id: who! }, level: level as Level, scope: named(where!) });
  }
  return { path: { vaultId: 'V', folderIds: TARGETS[target]! }, userId: 'u', groupIds: ['g1', 'g2', 'g3'], grants, resets };
}

function describeSource(source: RightSource): string {
  const reset = source.kind !== 'user' && source.reset ? ` reset@${nameOf(source.reset)}` : '';
  if (source.kind === 'user') return `user@${nameOf(source.scope)}`;
  if (source.kind === 'none') return `none${reset}`;
  return `groups ${source.from.map((origin) => `${origin.groupId}@${nameOf(origin.scope)}`).join(' ')}${reset}`;
}

describe('effectiveRight', () => {
  it.each<[string, string[], string, Level | null, string]>([
    ['no grant at all', [], 'C', null, 'none'],
    ['a direct vault grant, at the root', ['u:read@V'], 'V', 'read', 'user@V'],
    ['a direct vault grant, inherited three folders deep', ['u:read@V'], 'C', 'read', 'user@V'],
    ['a direct folder grant, at its folder', ['u:edit@B'], 'B', 'edit', 'user@B'],
    ['a folder grant never reaches upward', ['u:edit@B'], 'A', null, 'none'],
    ['a grant below the target is ignored', ['u:edit@C', 'g1:edit@C'], 'B', null, 'none'],
    ['through a group', ['g1:edit@V'], 'A', 'edit', 'groups g1@V'],
    ['through two groups: the higher wins', ['g1:read@V', 'g2:full@V'], 'B', 'full', 'groups g2@V'],
    ['through two groups giving the same level: both named', ['g1:edit@V', 'g2:edit@A'], 'B', 'edit', 'groups g1@V g2@A'],
    ['through three groups at three depths', ['g1:navigation@V', 'g2:read@A', 'g3:forbidden@B'], 'C', 'read', 'groups g2@A'],
    ['a folder grant overrides the vault grant downward', ['u:admin@V', 'u:read@A'], 'B', 'read', 'user@A'],
    ['the override does not reach above its folder', ['u:admin@V', 'u:read@A'], 'V', 'admin', 'user@V'],
    ['forbidden at a folder blocks a vault grant', ['u:edit@V', 'u:forbidden@A'], 'C', 'forbidden', 'user@A'],
    ['a group forbidden at a folder blocks its own vault grant', ['g1:edit@V', 'g1:forbidden@A'], 'B', 'forbidden', 'groups g1@A'],
    ['one group forbidden at a folder never blocks another group', ['g1:forbidden@A', 'g2:edit@V'], 'A', 'edit', 'groups g2@V'],
    ['a group forbidden deep, another group read at the vault', ['g1:admin@V', 'g1:forbidden@C', 'g2:read@V'], 'C', 'read', 'groups g2@V'],
    ['the same, above the forbidden folder', ['g1:admin@V', 'g1:forbidden@C', 'g2:read@V'], 'B', 'admin', 'groups g1@V'],
    ['a group folder grant raises above another group vault grant', ['g1:read@V', 'g2:admin@B'], 'C', 'admin', 'groups g2@B'],
    ['forbidden through a group alone is forbidden, not null', ['g1:forbidden@V'], 'A', 'forbidden', 'groups g1@V'],
    ['navigation through a group', ['g1:navigation@V'], 'C', 'navigation', 'groups g1@V'],
    ['the user’s own right overrides a group at the same scope', ['u:read@V', 'g1:admin@V'], 'A', 'read', 'user@V'],
    ['the user’s own vault right overrides a group’s deeper folder right', ['u:read@V', 'g1:admin@B'], 'C', 'read', 'user@V'],
    ['the user’s own right at the target overrides a group there', ['u:read@C', 'g1:admin@C'], 'C', 'read', 'user@C'],
    ['the user’s own forbidden overrides every group', ['u:forbidden@V', 'g1:admin@V', 'g2:full@C'], 'C', 'forbidden', 'user@V'],
    ['the user’s own navigation overrides a group’s edit', ['u:navigation@V', 'g1:edit@V'], 'A', 'navigation', 'user@V'],
    ['a reset falls back to the groups’ highest', ['u:read@V', 'u:reset@A', 'g1:full@V', 'g2:edit@B'], 'B', 'full', 'groups g1@V reset@A'],
    ['a reset reaches only its subtree', ['u:read@V', 'u:reset@A', 'g1:full@V', 'g2:edit@B'], 'V', 'read', 'user@V'],
    ['a reset without any group grant is no access', ['u:read@V', 'u:reset@A'], 'B', null, 'none reset@A'],
    ['an own grant below a reset decides again', ['u:forbidden@V', 'u:reset@A', 'u:edit@B', 'g1:read@V'], 'C', 'edit', 'user@B'],
    ['between the reset and the own grant, the groups decide', ['u:forbidden@V', 'u:reset@A', 'u:edit@B', 'g1:read@V'], 'A', 'read', 'groups g1@V reset@A'],
    ['a reset at the vault root', ['u:reset@V', 'g1:navigation@V'], 'A', 'navigation', 'groups g1@V reset@V'],
    ['own grants three folders deep, at C', ['u:navigation@V', 'u:read@A', 'u:edit@B', 'u:full@C'], 'C', 'full', 'user@C'],
    ['own grants three folders deep, at B', ['u:navigation@V', 'u:read@A', 'u:edit@B', 'u:full@C'], 'B', 'edit', 'user@B'],
    ['own grants three folders deep, at A', ['u:navigation@V', 'u:read@A', 'u:edit@B', 'u:full@C'], 'A', 'read', 'user@A'],
    ['own grants three folders deep, at the root', ['u:navigation@V', 'u:read@A', 'u:edit@B', 'u:full@C'], 'V', 'navigation', 'user@V'],
    ['a group three folders deep, at B', ['g1:admin@V', 'g1:navigation@A', 'g1:read@C'], 'B', 'navigation', 'groups g1@A'],
    ['a group three folders deep, at C', ['g1:admin@V', 'g1:navigation@A', 'g1:read@C'], 'C', 'read', 'groups g1@C'],
    ['grants of another vault, a folder off the path, another user and a foreign group are ignored', ['u:admin@W', 'u:admin@W/A', 'u:admin@X', 'v:admin@V', 'g9:admin@V'], 'A', null, 'none'],
  ])('%s', (_case, entries, target, level, source) => {
    const right = effectiveRight(inputOf(entries, target));
    expect([right.level, describeSource(right.source)]).toEqual([level, source]);
  });

  it.each([
    ['two own grants', ['u:read@A', 'u:edit@A']],
    ['an own grant and a reset', ['u:read@A', 'u:reset@A']],
    ['two grants of one group', ['g1:read@V', 'g1:edit@V']],
  ])('throws on %s at one scope (the primary key of vault_access forbids it)', (_case, entries) => {
    expect(() => effectiveRight(inputOf(entries, 'C'))).toThrow('two access entries');
  });

  it('does not look at duplicates it never reads', () => {
    expect(effectiveRight(inputOf(['u:read@X', 'u:edit@X', 'g1:edit@V'], 'A')).level).toBe('edit');
  });
});

describe('access levels', () => {
  it('are the contract’s levels in the contract’s order, with forbidden below', () => {
    expect(LEVELS).toEqual(['forbidden', ...ACCESS_LEVELS]);
  });

  // Written by hand from the issue and Passwork's table, never derived from MINIMUM_LEVEL.
  const MATRIX: Record<Action, string> = {
    //                forbidden navigation read edit full admin
    listFolderNames: '-  x  x  x  x  x',
    readEntries: '-  -  x  x  x  x',
    createEntries: '-  -  -  x  x  x',
    editEntries: '-  -  -  x  x  x',
    createFolders: '-  -  -  x  x  x',
    deleteEntries: '-  -  -  -  x  x',
    manageFolders: '-  -  -  -  x  x',
    shareEntries: '-  -  -  -  x  x',
    viewAccess: '-  -  -  -  x  x',
    renameVault: '-  -  -  -  x  x',
    moveFolders: '-  -  -  -  -  x',
    manageAccess: '-  -  -  -  -  x',
    deleteVault: '-  -  -  -  -  x',
  };

  it('cover every action in the table', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ACTIONS.flatMap((action) => LEVELS.map((level, index) => [action, level, MATRIX[action].split(/\s+/)[index] === 'x'] as const)))('%s at %s: %s', (action, level, allowed) => {
    expect(allows(level, action)).toBe(allowed);
  });

  it('allow nothing without any grant', () => {
    expect(ACTIONS.filter((action) => allows(null, action))).toEqual([]);
  });
});

// Properties over random grants in the same two vaults and five folders.
const FOLDERS = ['A', 'B', 'C', 'D', 'E'];
const scopeArb = fc.record({ vaultId: fc.constantFrom('V', 'W'), folderId: fc.constantFrom(null, ...FOLDERS) });
const principalArb = fc.constantFrom<Grant['principal']>({ type: 'user', id: 'u' }, { type: 'user', id: 'v' }, ...['g1', 'g2', 'g3', 'g9'].map((id) => ({ type: 'group' as const, id })));
const levelArb = fc.constantFrom(...LEVELS);
const scopeKey = (scope: Scope) => `${scope.vaultId}/${scope.folderId}`;
const entryKey = (grant: Grant) => `${grant.principal.type}:${grant.principal.id}@${scopeKey(grant.scope)}`;
const isOwn = (grant: Grant) => grant.principal.type === 'user' && grant.principal.id === 'u';

const inputArb: fc.Arbitrary<EffectiveRightInput> = fc
  .record({
    folderIds: fc.uniqueArray(fc.constantFrom(...FOLDERS), { maxLength: 4 }),
    grants: fc.uniqueArray(fc.record({ scope: scopeArb, principal: principalArb, level: levelArb }), { selector: entryKey, maxLength: 14 }),
    resets: fc.uniqueArray(scopeArb, { selector: scopeKey, maxLength: 3 }),
  })
  .map(({ folderIds, grants, resets }) => {
    const owned = new Set(grants.filter(isOwn).map((grant) => scopeKey(grant.scope)));
    return { path: { vaultId: 'V', folderIds }, userId: 'u', groupIds: ['g1', 'g2', 'g3'], grants, resets: resets.filter((scope) => !owned.has(scopeKey(scope))) };
  });

const target = (input: EffectiveRightInput): Scope => ({ vaultId: 'V', folderId: input.path.folderIds.at(-1) ?? null });
const withoutOwnAt = (input: EffectiveRightInput, scope: Scope): EffectiveRightInput => ({
  ...input,
  grants: input.grants.filter((grant) => !(isOwn(grant) && scopeKey(grant.scope) === scopeKey(scope))),
  resets: (input.resets ?? []).filter((reset) => scopeKey(reset) !== scopeKey(scope)),
});

/** The same rule told the way the vault page shows it: walk down the path, each principal inheriting until it has an entry of its own. */
function walkDown(input: EffectiveRightInput): Level | null {
  const scopes: Scope[] = [{ vaultId: 'V', folderId: null }, ...input.path.folderIds.map((folderId) => ({ vaultId: 'V', folderId }))];
  let own: Level | 'reset' | null = null;
  const groups = new Map<string, Level>();
  for (const scope of scopes) {
    const here = input.grants.filter((grant) => scopeKey(grant.scope) === scopeKey(scope));
    if ((input.resets ?? []).some((reset) => scopeKey(reset) === scopeKey(scope))) own = 'reset';
    for (const grant of here) {
      if (isOwn(grant)) own = grant.level;
      else if (grant.principal.type === 'group' && input.groupIds?.includes(grant.principal.id)) groups.set(grant.principal.id, grant.level);
    }
  }
  if (own !== null && own !== 'reset') return own;
  return [...groups.values()].sort((a, b) => rankOf(b) - rankOf(a))[0] ?? null;
}

const RUNS = { seed: 1010, numRuns: 400 };

describe('effectiveRight, properties', () => {
  it('agrees with a scope-by-scope walk down the path', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(effectiveRight(input).level).toBe(walkDown(input));
      }),
      RUNS,
    );
  });

  it('gives one of the relevant grants’ levels, named by its source, or null', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { level, source } = effectiveRight(input);
        const holds = (scope: Scope, principal: Grant['principal']) =>
          input.grants.some((grant) => grant.level === level && scopeKey(grant.scope) === scopeKey(scope) && grant.principal.type === principal.type && grant.principal.id === principal.id);
        expect(level === null).toBe(source.kind === 'none');
        if (source.kind === 'user') expect(holds(source.scope, { type: 'user', id: 'u' })).toBe(true);
        if (source.kind === 'groups') for (const origin of source.from) expect(holds(origin.scope, { type: 'group', id: origin.groupId })).toBe(true);
      }),
      RUNS,
    );
  });

  it('never changes for grants of another vault, of folders off the path, or of other principals', () => {
    const irrelevant = fc.oneof(
      fc.record({ scope: fc.record({ vaultId: fc.constant('W'), folderId: fc.constantFrom(null, ...FOLDERS) }), principal: principalArb, level: levelArb }),
      fc.record({ scope: fc.constant({ vaultId: 'V', folderId: 'Z' }), principal: principalArb, level: levelArb }),
      fc.record({ scope: scopeArb, principal: fc.constantFrom<Grant['principal']>({ type: 'user', id: 'v' }, { type: 'group', id: 'g9' }, { type: 'group', id: 'u' }), level: levelArb }),
    );
    fc.assert(
      fc.property(inputArb, irrelevant, (input, extra) => {
        fc.pre(!input.grants.some((grant) => entryKey(grant) === entryKey(extra)));
        expect(effectiveRight({ ...input, grants: [...input.grants, extra] })).toEqual(effectiveRight(input));
      }),
      RUNS,
    );
  });

  it('is decided by the user’s own grant at the target, whatever else there is', () => {
    fc.assert(
      fc.property(inputArb, levelArb, (input, level) => {
        const scope = target(input);
        const given = withoutOwnAt(input, scope);
        const right = effectiveRight({ ...given, grants: [...given.grants, { scope, principal: { type: 'user', id: 'u' }, level }] });
        expect(right).toEqual({ level, source: { kind: 'user', scope } });
      }),
      RUNS,
    );
  });

  it('gives the groups’ answer after a reset at the target', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const scope = target(input);
        const reset = effectiveRight({ ...withoutOwnAt(input, scope), resets: [...(withoutOwnAt(input, scope).resets ?? []), scope] });
        const groupsOnly = effectiveRight({ ...input, grants: input.grants.filter((grant) => !isOwn(grant)), resets: [] });
        expect(reset.level).toBe(groupsOnly.level);
        expect(reset.source).toEqual(groupsOnly.source.kind === 'user' ? null : { ...groupsOnly.source, reset: scope });
      }),
      RUNS,
    );
  });

  it('never drops when another group is added, unless the user’s own grant decides', () => {
    fc.assert(
      fc.property(inputArb, scopeArb, levelArb, (input, scope, level) => {
        const before = effectiveRight(input);
        const after = effectiveRight({ ...input, groupIds: [...(input.groupIds ?? []), 'g4'], grants: [...input.grants, { scope, principal: { type: 'group', id: 'g4' }, level }] });
        if (before.source.kind === 'user') expect(after).toEqual(before);
        else expect(rankOf(after.level ?? 'forbidden') >= rankOf(before.level ?? 'forbidden')).toBe(true);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of grants and resets', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(effectiveRight({ ...input, grants: [...input.grants].reverse(), resets: [...(input.resets ?? [])].reverse() })).toEqual(effectiveRight(input));
      }),
      RUNS,
    );
  });
});
