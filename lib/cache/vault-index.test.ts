import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './index-entry';
import { search } from './search';
import { buildSyntheticEntries } from './synthetic-vault';
import { applyDelta } from './test-index';
import { VaultIndex } from './vault-index';

// The in-memory index kept current by sync deltas: after any mix of upserts and removals it must
// answer exactly like an index built from scratch from the same entries.

const QUERIES = ['', 'g', 'git', 'alice', 'work', 'zür', 'ops 2fa', 'bank', 'xq'];

function sameAnswers(updated: VaultIndex, entries: IndexEntry[]) {
  const fresh = VaultIndex.of(entries);
  expect(updated.size).toBe(fresh.size);
  for (const query of QUERIES) {
    const options = { currentUrl: 'https://github.com/', limit: 40 };
    expect(search(updated, query, options), query).toEqual(search(fresh, query, options));
  }
}

const allEntries = (index: VaultIndex) => Array.from({ length: index.size }, (_, slot) => index.entryAt(slot));

describe('vault index', () => {
  it('holds every entry once, the later of two with the same id, trash included', () => {
    const entries = buildSyntheticEntries(1200, { seed: 3 });
    const index = VaultIndex.of([...entries, { ...entries[700]!, name: 'Replaced' }]);
    expect(index.size).toBe(1200);
    const byId = new Map(allEntries(index).map((entry) => [entry.id, entry]));
    expect(byId.size).toBe(1200);
    expect(byId.get(entries[700]!.id)?.name).toBe('Replaced');
    expect(byId.get(entries[3]!.id)).toEqual(entries[3]);
    expect(index.trashed.reduce((sum, flag) => sum + flag, 0)).toBe(entries.filter((entry) => entry.deletedAt !== null).length);
  });

  it('answers like a fresh index after deltas that add, change and remove across chunks', () => {
    const entries = buildSyntheticEntries(1600, { seed: 5 });
    const index = VaultIndex.of(entries);
    search(index, 'git', { currentUrl: 'https://github.com/' });
    const extra = buildSyntheticEntries(300, { seed: 6 });
    const removed = entries.filter((_, position) => position % 7 === 0).map((entry) => entry.id);
    const changed = entries.filter((_, position) => position % 11 === 1).map((entry) => ({ ...entry, name: `Renamed ${entry.name}`, favourite: !entry.favourite, revision: entry.revision + 1 }));
    applyDelta(index, { upserted: [...changed, ...extra], removed });

    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const id of removed) byId.delete(id);
    for (const entry of [...changed, ...extra]) byId.set(entry.id, entry);
    sameAnswers(index, [...byId.values()]);
    const now = new Map(allEntries(index).map((entry) => [entry.id, entry]));
    expect(now.has(removed[0]!)).toBe(false);
    expect(now.get(changed[0]!.id)?.name).toMatch(/^Renamed /);
  });

  it('empties to nothing and fills again', () => {
    const entries = buildSyntheticEntries(700, { seed: 8 });
    const index = VaultIndex.of(entries);
    applyDelta(index, { removed: entries.map((entry) => entry.id) });
    expect(index.size).toBe(0);
    expect(search(index, '').hits).toEqual([]);
    applyDelta(index, { upserted: entries.slice(0, 10) });
    sameAnswers(index, entries.slice(0, 10));
  });

  it('changes version with every change of its chunks, so search never answers from stale hits', () => {
    const entries = buildSyntheticEntries(50, { seed: 9 });
    const index = VaultIndex.of(entries);
    const before = index.version;
    expect(search(index, 'zzqq').total).toBe(0);
    applyDelta(index, { upserted: [{ ...entries[0]!, name: 'zzqq account', revision: 9 }] });
    expect(index.version).not.toBe(before);
    expect(search(index, 'zzqq').hits.map((hit) => hit.entry.name)).toEqual(['zzqq account']);
  });

  it('keeps fields apart even when a name holds a newline', () => {
    const base = buildSyntheticEntries(1, { seed: 11 })[0]!;
    const index = VaultIndex.of([{ ...base, name: 'Line one\nline two', login: 'person', urls: [], tags: ['tagged'] }]);
    expect(search(index, 'two').hits).toHaveLength(1);
    expect(search(index, 'tagged').hits).toHaveLength(1);
    expect(search(index, 'one two').hits).toHaveLength(1);
  });
});
