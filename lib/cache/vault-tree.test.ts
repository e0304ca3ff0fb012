import { describe, expect, it } from 'vitest';
import { emptyDirectory, type CacheDirectory } from './directory';
import type { IndexEntry } from './index-entry';
import { vaultTree, type FolderNode } from './vault-tree';

// The vault page's navigation from the cache: vaults by name, folders nested under their parents,
// live entries counted, the trash and a server's odd links handled without losing anything live.

const vault = (id: string, name: string, kind: 'company' | 'private' = 'company') => ({ id, name, kind, keyVersion: 1, level: 'admin' as const, createdBy: 'user-1', createdAt: 0, updatedAt: 0 });
const folder = (id: string, vaultId: string, name: string, parentId: string | null = null, deletedAt: number | null = null) => ({ id, vaultId, parentId, name, createdAt: 0, updatedAt: 0, deletedAt, level: 'edit' as const });
function entry(vaultId: string, folderId: string | null, changes: Partial<IndexEntry> = {}): IndexEntry {
  return { id: `item-${Math.random()}`, vaultId, folderId, revision: 1, name: 'Entry', login: '', urls: [], tags: [], favourite: false, colour: null, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null, ...changes };
}
const directory = (parts: Partial<CacheDirectory>): CacheDirectory => ({ ...emptyDirectory(), ...parts });
/** Folder names as nested arrays: [name, [children…]]. */
const shape = (folders: FolderNode[]): unknown[] => folders.map((node) => (node.children.length ? [node.name, shape(node.children)] : node.name));

describe('vaultTree', () => {
  it('lists vaults by name with their folders nested and sorted, and counts live entries', () => {
    const tree = vaultTree(
      directory({
        vaults: [vault('v-ops', 'Operations'), vault('v-me', 'Alice', 'private')],
        folders: [folder('f-db', 'v-ops', 'Databases'), folder('f-prod', 'v-ops', 'Production', 'f-db'), folder('f-cloud', 'v-ops', 'Cloud'), folder('f-aws', 'v-ops', 'AWS', 'f-cloud')],
      }),
      [entry('v-ops', 'f-prod'), entry('v-ops', 'f-prod'), entry('v-ops', null), entry('v-ops', 'f-aws', { deletedAt: 5 }), entry('v-me', null)],
    );
    expect(tree.vaults.map((node) => [node.name, node.kind, node.entryCount])).toEqual([
      ['Alice', 'private', 1],
      ['Operations', 'company', 3],
    ]);
    expect(shape(tree.vaults[1]!.folders)).toEqual([
      ['Cloud', ['AWS']],
      ['Databases', ['Production']],
    ]);
    expect(tree.vaults[1]!.folders[1]!.children[0]!.entryCount).toBe(2);
    expect(tree.vaults[1]!.folders[0]!.children[0]!.entryCount).toBe(0);
  });

  it('leaves out a folder in the trash with everything under it', () => {
    const tree = vaultTree(
      directory({
        vaults: [vault('v-1', 'Team')],
        folders: [
          folder('f-old', 'v-1', 'Old', null, 10),
          folder('f-under', 'v-1', 'Under old', 'f-old', 10),
          folder('f-deeper', 'v-1', 'Deeper', 'f-under'),
          folder('f-kept', 'v-1', 'Kept'),
          folder('f-later', 'v-1', 'Later', 'f-kept', 20),
          folder('f-first', 'v-1', 'Trashed first', 'f-old', 5),
        ],
      }),
      [],
    );
    expect(shape(tree.vaults[0]!.folders)).toEqual(['Kept']);
    // What the trash offers to restore: each folder trashed on its own (newest first), not those
    // trashed with their parent — but one trashed before its parent, which the parent's restore leaves in the trash.
    expect(tree.trashedFolders).toEqual([
      { id: 'f-later', vaultId: 'v-1', name: 'Later', level: 'edit', deletedAt: 20 },
      { id: 'f-old', vaultId: 'v-1', name: 'Old', level: 'edit', deletedAt: 10 },
      { id: 'f-first', vaultId: 'v-1', name: 'Trashed first', level: 'edit', deletedAt: 5 },
    ]);
  });

  it('marks a vault whose current key has not been wrapped to the user yet (access pending)', () => {
    const wrap = (subjectId: string, keyVersion: number) => ({ version: 1 as const, kind: 'vault' as const, subjectId, recipientId: 'user-1', keyVersion, granterId: 'user-2', wrappedKey: '', signature: '' });
    const tree = vaultTree(
      directory({
        vaults: [vault('v-held', 'Held'), vault('v-new', 'New'), { ...vault('v-rotated', 'Rotated'), keyVersion: 2 }],
        wraps: [wrap('v-held', 1), wrap('v-rotated', 1)],
      }),
      [],
    );
    expect(tree.vaults.map((node) => [node.name, node.hasKey])).toEqual([
      ['Held', true],
      ['New', false],
      ['Rotated', false],
    ]);
  });

  it('waits for no key where the user may read nothing (navigation only), and for one where a folder lets them read', () => {
    const navigation = (id: string, name: string) => ({ ...vault(id, name), level: 'navigation' as const });
    const tree = vaultTree(
      directory({
        vaults: [navigation('v-names', 'Names only'), navigation('v-folder', 'Through a folder')],
        folders: [{ ...folder('f-names', 'v-names', 'Listed'), level: 'navigation' }, { ...folder('f-read', 'v-folder', 'Readable'), level: 'read' }],
      }),
      [],
    );
    expect(tree.vaults.map((node) => [node.name, node.level, node.hasKey])).toEqual([
      ['Names only', 'navigation', true],
      ['Through a folder', 'navigation', false],
    ]);
    expect(tree.vaults[1]!.folders.map((node) => [node.name, node.level])).toEqual([['Readable', 'read']]);
  });

  it('shows a folder whose parent it was not given, or whose parent is in another vault, at its vault’s top level', () => {
    const tree = vaultTree(
      directory({
        vaults: [vault('v-1', 'One'), vault('v-2', 'Two')],
        folders: [folder('f-orphan', 'v-1', 'Orphan', 'f-missing'), folder('f-elsewhere', 'v-2', 'Elsewhere'), folder('f-crossing', 'v-1', 'Crossing', 'f-elsewhere')],
      }),
      [],
    );
    expect(shape(tree.vaults[0]!.folders)).toEqual(['Crossing', 'Orphan']);
    expect(shape(tree.vaults[1]!.folders)).toEqual(['Elsewhere']);
  });

  it('counts each tag once per live entry, whatever its case, and each colour in use', () => {
    const tree = vaultTree(directory({ vaults: [vault('v-1', 'One')] }), [
      entry('v-1', null, { tags: ['Infra', 'dev'], colour: 'red' }),
      entry('v-1', null, { tags: ['infra', 'INFRA'], colour: '#3366ff' }),
      entry('v-1', null, { tags: ['dev'], colour: 'red', deletedAt: 1 }),
      entry('v-1', null, { colour: 'red' }),
    ]);
    expect(tree.tags).toEqual([
      { name: 'dev', entryCount: 1 },
      { name: 'Infra', entryCount: 2 },
    ]);
    expect(tree.colours).toEqual([
      { colour: '#3366ff', entryCount: 1 },
      { colour: 'red', entryCount: 2 },
    ]);
  });
});
