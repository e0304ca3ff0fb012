import { describe, expect, it } from 'vitest';
import type { VaultNode, VaultTree } from '../../lib/cache/vault-tree';
import { folderChoices, writableVaults } from './save-targets';

const vault = (id: string, changes: Partial<VaultNode> = {}): VaultNode => ({ id, name: id, kind: 'company', level: 'edit', hasKey: true, entryCount: 0, folders: [], ...changes });
const tree = (vaults: VaultNode[]): VaultTree => ({ vaults, trashedFolders: [], tags: [], colours: [] });

describe('writableVaults', () => {
  it('leaves out vaults the user may only read or holds no key of, and puts their private vault first', () => {
    const vaults = [vault('ops', { level: 'admin' }), vault('audit', { level: 'read' }), vault('pending', { level: 'full', hasKey: false }), vault('team'), vault('me', { kind: 'private', level: 'admin' })];
    expect(writableVaults(tree(vaults)).map(({ id }) => id)).toEqual(['me', 'ops', 'team']);
  });

  it('keeps the tree’s order without a private vault, and is empty when none is writable', () => {
    expect(writableVaults(tree([vault('b'), vault('a', { level: 'full' })])).map(({ id }) => id)).toEqual(['b', 'a']);
    expect(writableVaults(tree([vault('audit', { level: 'read' })]))).toEqual([]);
  });
});

describe('writableVaults with folder rights', () => {
  it('keeps a vault read only at its top level when the user may edit one of its folders, however deep', () => {
    const deep = { id: 'f', name: 'F', level: 'read' as const, entryCount: 0, children: [{ id: 'g', name: 'G', level: 'edit' as const, entryCount: 0, children: [] }] };
    const vaults = [vault('audit', { level: 'read', folders: [deep] }), vault('shut', { level: 'navigation', folders: [{ ...deep, children: [] }] })];
    expect(writableVaults(tree(vaults)).map(({ id }) => id)).toEqual(['audit']);
  });
});

describe('folderChoices', () => {
  it('offers only folders the user may edit, a read-only parent still named in the path', () => {
    const folders = [
      { id: 'ro', name: 'Archive', level: 'read' as const, entryCount: 0, children: [{ id: 'rw', name: '2026', level: 'full' as const, entryCount: 0, children: [] }] },
      { id: 'nav', name: 'Finance', level: 'navigation' as const, entryCount: 0, children: [] },
    ];
    expect(folderChoices(folders)).toEqual([{ id: 'rw', label: 'Archive / 2026' }]);
  });

  it('lists parents before their children, each with its path', () => {
    const folders = [
      { id: 'db', name: 'Databases', level: 'edit' as const, entryCount: 0, children: [{ id: 'prod', name: 'Production', level: 'edit' as const, entryCount: 0, children: [{ id: 'eu', name: 'EU', level: 'edit' as const, entryCount: 0, children: [] }] }] },
      { id: 'web', name: 'Web', level: 'edit' as const, entryCount: 0, children: [] },
    ];
    expect(folderChoices(folders)).toEqual([
      { id: 'db', label: 'Databases' },
      { id: 'prod', label: 'Databases / Production' },
      { id: 'eu', label: 'Databases / Production / EU' },
      { id: 'web', label: 'Web' },
    ]);
  });
});
