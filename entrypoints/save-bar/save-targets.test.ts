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

describe('folderChoices', () => {
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
