import { describe, expect, it } from 'vitest';
import { listEntries, type ListRequest } from './entry-listing';
import type { IndexEntry } from './index-entry';
import { buildSyntheticEntries } from './synthetic-vault';
import { applyDelta } from './test-index';
import { VaultIndex } from './vault-index';

// The vault page's list: filters combine, both orders hold, windows tile the whole list, and a
// sync shows at once.

let ids = 0;
function entry(name: string, changes: Partial<IndexEntry> = {}): IndexEntry {
  const id = `item-${String(++ids).padStart(6, '0')}`;
  return { id, vaultId: 'vault-a', folderId: null, revision: 1, name, login: '', urls: [], tags: [], favourite: false, colour: null, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null, ...changes };
}
const names = (index: VaultIndex, request: Partial<ListRequest>, offset = 0, limit = 100) => listEntries(index, { query: '', sort: 'name', ...request }, offset, limit).entries.map((found) => found.name);

describe('listEntries', () => {
  const entries = [
    entry('zulu', { favourite: true, updatedAt: 30 }),
    entry('Alpha', { favourite: true, updatedAt: 10, tags: ['Infra'] }),
    entry('bravo', { vaultId: 'vault-b', folderId: 'folder-1', colour: 'red', updatedAt: 50 }),
    entry('Charlie', { vaultId: 'vault-b', folderId: 'folder-1', login: 'alpha@example.com', updatedAt: 40, tags: ['infra', 'dev'] }),
    entry('delta', { vaultId: 'vault-b', updatedAt: 20, deletedAt: 99 }),
  ];
  const index = VaultIndex.of(entries);

  it('lists live entries by name, whatever their case and favourites, or by the latest change', () => {
    expect(names(index, {})).toEqual(['Alpha', 'bravo', 'Charlie', 'zulu']);
    expect(names(index, { sort: 'updated' })).toEqual(['bravo', 'Charlie', 'zulu', 'Alpha']);
  });

  it('filters by vault, folder (or the top level), tag in any case, colour and favourites, and combines them with the query', () => {
    expect(names(index, { vaultId: 'vault-b' })).toEqual(['bravo', 'Charlie']);
    expect(names(index, { vaultId: 'vault-a', folderId: null })).toEqual(['Alpha', 'zulu']);
    expect(names(index, { folderId: 'folder-1' })).toEqual(['bravo', 'Charlie']);
    expect(names(index, { tag: 'INFRA' })).toEqual(['Alpha', 'Charlie']);
    expect(names(index, { colour: 'red' })).toEqual(['bravo']);
    expect(names(index, { favourite: true })).toEqual(['Alpha', 'zulu']);
    expect(names(index, { query: 'alpha' })).toEqual(['Alpha', 'Charlie']);
    expect(names(index, { query: 'alpha', vaultId: 'vault-b' })).toEqual(['Charlie']);
    expect(names(index, { query: 'alpha ex' })).toEqual(['Charlie']);
  });

  it('shows the trash apart', () => {
    expect(names(index, { trash: true })).toEqual(['delta']);
    expect(names(index, { trash: true, query: 'zulu' })).toEqual([]);
  });

  it('serves windows that tile the whole list, with its length', () => {
    const big = VaultIndex.of(buildSyntheticEntries(3000, { seed: 3 }));
    const request: ListRequest = { query: 'o', sort: 'name' };
    const whole = listEntries(big, request, 0, 10_000);
    const tiled = [0, 100, 200].flatMap((offset) => listEntries(big, request, offset, 100).entries);
    expect(whole.total).toBeGreaterThan(300);
    expect(tiled).toEqual(whole.entries.slice(0, 300));
    expect(listEntries(big, request, whole.total - 5, 100).entries).toEqual(whole.entries.slice(-5));
    expect(listEntries(big, request, whole.total + 50, 100)).toEqual({ entries: [], total: whole.total });
    const byName = whole.entries.map((found) => found.name.toLowerCase());
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('shows a sync at once: a renamed entry moves, a removed one goes', () => {
    const local = VaultIndex.of(entries);
    expect(names(local, {})).toEqual(['Alpha', 'bravo', 'Charlie', 'zulu']);
    applyDelta(local, { upserted: [{ ...entries[0]!, name: 'Echo', revision: 2 }], removed: [entries[1]!.id] });
    expect(names(local, {})).toEqual(['bravo', 'Charlie', 'Echo']);
  });
});
