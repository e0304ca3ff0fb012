import { describe, expect, it } from 'vitest';
import type { EntryRow } from '../../lib/messages/protocol';
import { currentSiteFirst, keepUnchangedRows, SEARCH_LIMIT, searchRequest } from './entry-search';

function row(id: string, overrides: Partial<EntryRow> = {}): EntryRow {
  return { id, vaultId: 'v1', name: id, login: `${id}@acme.test`, host: null, hasPassword: true, hasTotp: false, favourite: false, currentSite: false, ...overrides };
}

describe('entry search', () => {
  it('asks for one limited page, ranked for the tab when there is one', () => {
    expect(searchRequest('git', 'https://git.acme.test')).toEqual({ type: 'entries.search', query: 'git', limit: SEARCH_LIMIT, pageOrigin: 'https://git.acme.test' });
    expect(searchRequest('', null)).toEqual({ type: 'entries.search', query: '', limit: SEARCH_LIMIT });
    expect(searchRequest('', undefined)).toEqual({ type: 'entries.search', query: '', limit: SEARCH_LIMIT });
  });

  it('puts the current site’s rows first and keeps each group’s order', () => {
    const rows = [row('a'), row('b', { currentSite: true }), row('c'), row('d', { currentSite: true })];
    expect(currentSiteFirst(rows).map((entry) => entry.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('hands back the rows already shown when they did not change, so memoised rows skip them', () => {
    const shown = [row('a'), row('b'), row('c')];
    const next = [row('c'), row('b', { name: 'renamed' }), row('d')];
    const kept = keepUnchangedRows(shown, next);
    expect(kept[0]).toBe(shown[2]);
    expect(kept[1]).toBe(next[1]);
    expect(kept[2]).toBe(next[2]);
    expect(kept.map((entry) => entry.name)).toEqual(['c', 'renamed', 'd']);
  });
});
