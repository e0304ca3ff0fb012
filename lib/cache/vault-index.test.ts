import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './index-entry';
import { search } from './search';
import { buildSyntheticEntries } from './synthetic-vault';
import { VaultIndex } from './vault-index';

// The in-memory index kept current by sync deltas: after any mix of upserts and removals it must
// answer exactly like an index built from scratch from the same entries.

const QUERIES = ['', 'g', 'git', 'alice', 'work', 'zür', 'ops 2fa', 'bank', 'xq'];

function sameAnswers(updated: VaultIndex, entries: IndexEntry[]) {
  const fresh = new VaultIndex(entries);
  expect(updated.size).toBe(fresh.size);
  for (const query of QUERIES) {
    const options = { currentUrl: 'https://github.com/', limit: 40 };
    expect(search(updated, query, options), query).toEqual(search(fresh, query, options));
  }
}

describe('vault index', () => {
  it('finds entries by id and counts them, trash included', () => {
    const entries = buildSyntheticEntries(1200, { seed: 3 });
    const index = new VaultIndex(entries);
    expect(index.size).toBe(1200);
    expect(index.get(entries[700]!.id)).toBe(entries[700]);
    expect(index.get('item-unknown')).toBeUndefined();
  });

  it('answers like a fresh index after deltas that add, change and remove across blocks', () => {
    const entries = buildSyntheticEntries(1600, { seed: 5 });
    const index = new VaultIndex(entries);
    search(index, 'git', { currentUrl: 'https://github.com/' });
    const extra = buildSyntheticEntries(300, { seed: 6 });
    const removed = entries.filter((_, position) => position % 7 === 0).map((entry) => entry.id);
    const changed = entries.filter((_, position) => position % 11 === 1).map((entry) => ({ ...entry, name: `Renamed ${entry.name}`, favourite: !entry.favourite, revision: entry.revision + 1 }));
    index.apply({ full: false, upserted: [...changed, ...extra], removed });

    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const id of removed) byId.delete(id);
    for (const entry of [...changed, ...extra]) byId.set(entry.id, entry);
    sameAnswers(index, [...byId.values()]);
    expect(index.get(removed[0]!)).toBeUndefined();
    expect(index.get(changed[0]!.id)?.name).toMatch(/^Renamed /);
  });

  it('empties to nothing and fills again', () => {
    const entries = buildSyntheticEntries(700, { seed: 8 });
    const index = new VaultIndex(entries);
    index.apply({ full: false, upserted: [], removed: entries.map((entry) => entry.id) });
    expect(index.size).toBe(0);
    expect(search(index, '').hits).toEqual([]);
    index.apply({ full: false, upserted: entries.slice(0, 10), removed: [] });
    sameAnswers(index, entries.slice(0, 10));
  });

  it('a full sync replaces every entry', () => {
    const index = new VaultIndex(buildSyntheticEntries(900, { seed: 9 }));
    const replacement = buildSyntheticEntries(40, { seed: 10 });
    index.apply({ full: true, upserted: replacement, removed: [] });
    sameAnswers(index, replacement);
  });

  it('keeps fields apart even when a name holds a newline', () => {
    const base = buildSyntheticEntries(1, { seed: 11 })[0]!;
    const index = new VaultIndex([{ ...base, name: 'Line one\nline two', login: 'person', urls: [], tags: ['tagged'] }]);
    expect(search(index, 'two').hits).toHaveLength(1);
    expect(search(index, 'tagged').hits).toHaveLength(1);
  });
});
