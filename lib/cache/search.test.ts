import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './index-entry';
import { search, type SearchOptions } from './search';
import { buildSyntheticEntries } from './synthetic-vault';
import { applyDelta } from './test-index';
import { VaultIndex } from './vault-index';

// What the popup shows as someone types: the current site's entries first, then the best matches,
// favourites before equals, then by name.

let ids = 0;
function entry(name: string, changes: Partial<IndexEntry> = {}): IndexEntry {
  const id = `item-${String(++ids).padStart(6, '0')}`;
  return { id, vaultId: 'vault-0001', folderId: null, revision: 1, name, login: '', urls: [], tags: [], favourite: false, colour: null, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null, ...changes };
}
const url = (address: string, match: IndexEntry['urls'][number]['match'] = 'domain') => ({ urls: [{ url: address, match }] });
const names = (index: VaultIndex, query: string, options?: SearchOptions) => search(index, query, options).hits.map((hit) => hit.entry.name);
/** A fresh index of `entries` in a scrambled order, so results cannot depend on insertion order. */
const indexOf = (...entries: IndexEntry[]) => VaultIndex.of([...entries].sort((a, b) => (a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1)));

describe('search ranking', () => {
  it('ranks name prefix, word of the name, anywhere in the name, then login, URL and tag (word start before substring)', () => {
    const expected = [
      entry('Gitea'),
      entry('My Git Server'),
      entry('Legitimate'),
      entry('Alpha', { login: 'gitbot@example.com' }),
      entry('Beta', { login: 'agitator@example.com' }),
      entry('Gamma', url('https://git.example.com/')),
      entry('Delta', url('https://digit.example.com/')),
      entry('Epsilon', { tags: ['git'] }),
      entry('Zeta', { tags: ['legit'] }),
    ];
    const index = indexOf(...expected, entry('Omega', { login: 'g.i.t@example.com' }));
    expect(names(index, 'git')).toEqual(expected.map((item) => item.name));
    expect(search(index, 'git').total).toBe(9);
  });

  it('counts a word start later in the same field, never one in the next field', () => {
    const index = indexOf(entry('Legit', { login: 'git@example.com' }), entry('Agitate'), entry('Legit Git'));
    expect(names(index, 'git')).toEqual(['Legit Git', 'Agitate', 'Legit']);
  });

  it('ranks one common letter by where it matched, whether or not the names starting with it fill the list', () => {
    const entries = [
      entry('Gamma', { deletedAt: 1 }),
      entry('Gitea'),
      entry('Golf'),
      entry('Zig'),
      entry('Alpha', { login: 'gary@example.com' }),
      entry('Shop', { login: 'g.shop', ...url('https://shop.example.com/') }),
      entry('Cart', { login: 'carting', ...url('https://shop.example.com/') }),
    ];
    // A fresh index each time: what one search keeps must not answer the next one here.
    const first = (options: SearchOptions) => names(indexOf(...entries), 'g', options);
    const onShop = { currentUrl: 'https://shop.example.com/cart' };
    // Two names start with "g" (the third is in the trash): the rest rank by their own tiers.
    expect(first({ limit: 3 })).toEqual(['Gitea', 'Golf', 'Zig']);
    expect(first({ limit: 2 })).toEqual(['Gitea', 'Golf']);
    expect(search(indexOf(...entries), 'g', { limit: 2 }).total).toBe(6);
    // The site's entries come first, each by its own tier (a login word before a login substring).
    expect(first({ ...onShop, limit: 3 })).toEqual(['Shop', 'Cart', 'Gitea']);
    expect(first({ ...onShop, limit: 3, includeTrash: true })).toEqual(['Shop', 'Cart', 'Gamma']);
  });

  it('puts favourites first among equal matches, and orders the rest by name whatever their case', () => {
    const index = indexOf(entry('github business'), entry('GitHub personal', { favourite: true }), entry('GitHub Admin'), entry('My GitHub', { favourite: true }));
    expect(names(index, 'github')).toEqual(['GitHub personal', 'GitHub Admin', 'github business', 'My GitHub']);
  });

  it('needs every word of the query, in any field, and ranks by the sum of where they matched', () => {
    const index = indexOf(entry('GitHub', { login: 'work@acme.test' }), entry('Work GitHub'), entry('GitHub', { tags: ['personal'] }), entry('Workday'));
    expect(names(index, 'git work')).toEqual(['Work GitHub', 'GitHub']);
    expect(names(index, '  WORK   git ')).toEqual(['Work GitHub', 'GitHub']);
  });

  it('compares text folded: any case, either Unicode spelling of an accent', () => {
    const index = indexOf(entry('Café Crème'), entry('Cafeteria'), entry('ZÜRICH Versicherung'));
    expect(names(index, 'cafe\u0301')).toEqual(['Café Crème']);
    expect(names(index, 'CAFÉ crè')).toEqual(['Café Crème']);
    expect(names(index, 'zürich')).toEqual(['ZÜRICH Versicherung']);
  });

  it('finds a URL by its host or path, with or without the scheme', () => {
    const index = indexOf(entry('Router', url('http://192.168.1.1:8080/admin')), entry('Shop', url('https://shop.example.com/account/login')));
    expect(names(index, 'account/login')).toEqual(['Shop']);
    expect(names(index, '192.168')).toEqual(['Router']);
    expect(names(index, 'https')).toEqual([]);
  });

  it('never lists entries in the trash, unless asked to', () => {
    const index = indexOf(entry('GitHub old', { deletedAt: 1 }), entry('GitHub'));
    expect(names(index, 'git')).toEqual(['GitHub']);
    expect(names(index, '')).toEqual(['GitHub']);
    expect(names(index, 'git', { includeTrash: true })).toEqual(['GitHub', 'GitHub old']);
  });

  it('returns at most `limit` rows but counts every match', () => {
    const index = indexOf(...Array.from({ length: 30 }, (_, n) => entry(`Server ${String(n).padStart(2, '0')}`)));
    const result = search(index, 'server', { limit: 5 });
    expect(result.hits.map((hit) => hit.entry.name)).toEqual(['Server 00', 'Server 01', 'Server 02', 'Server 03', 'Server 04']);
    expect(result.total).toBe(30);
  });
});

describe('the current site', () => {
  const page = 'https://login.acme.com/signin?next=/';
  const site = [
    entry('Acme SSO', url('https://login.acme.com/')),
    entry('Acme Wiki', url('https://wiki.acme.com/', 'domain')),
    entry('Acme root', url('https://acme.com', 'host')),
    entry('Not Acme', url('https://notacme.com/')),
    entry('Acme never', url('https://login.acme.com/', 'never')),
    entry('Acme regex', url('^https://login\\.acme\\.com/', 'regex')),
    entry('Zebra', { favourite: true }),
    entry('Aardvark'),
  ];

  it('comes first when nothing is typed: exact host, then the registrable domain, then favourites, then by name', () => {
    const index = indexOf(...site);
    const result = search(index, '', { currentUrl: page });
    expect(result.hits.map((hit) => [hit.entry.name, hit.site])).toEqual([
      ['Acme SSO', 'host'],
      ['Acme Wiki', 'domain'],
      ['Zebra', null],
      ['Aardvark', null],
      ['Acme never', null],
      ['Acme regex', null],
      ['Acme root', null],
      ['Not Acme', null],
    ]);
  });

  it('comes first among matches too, however the words matched', () => {
    const index = indexOf(...site, entry('Corporate wiki', url('https://intranet.acme.com/wiki', 'domain')));
    expect(names(index, 'wiki', { currentUrl: page })).toEqual(['Acme Wiki', 'Corporate wiki']);
    expect(names(index, 'acme', { currentUrl: 'https://example.org/' }).slice(0, 2)).toEqual(['Acme never', 'Acme regex']);
    expect(names(index, 'acme', { currentUrl: page }).slice(0, 2)).toEqual(['Acme SSO', 'Acme Wiki']);
  });

  it.each([
    ['a public suffix is not a site', 'https://foo.github.io/', 'https://bar.github.io/', null],
    ['a subdomain of the page’s registrable domain', 'https://foo.github.io/', 'https://x.foo.github.io/', 'domain'],
    ['a second-level public suffix', 'https://www.bbc.co.uk/', 'https://account.bbc.co.uk/', 'domain'],
    ['another site under the same suffix', 'https://www.bbc.co.uk/', 'https://news.co.uk/', null],
    ['ports do not matter', 'http://localhost:3000/', 'http://localhost:8080/', 'host'],
    ['an internationalised domain in Unicode', 'https://xn--bcher-kva.de/', 'https://www.bücher.de/', 'domain'],
    ['an entry URL without a scheme', 'https://github.com/login', 'github.com', 'host'],
    ['a page that is not a web page', 'chrome://extensions/', 'https://extensions/', null],
  ])('%s', (_case, pageUrl, entryUrl, expected) => {
    const index = indexOf(entry('Entry', url(entryUrl)));
    expect(search(index, '', { currentUrl: pageUrl }).hits[0]?.site).toBe(expected);
  });
});

describe('search while typing and syncing', () => {
  it('gives every keystroke (and backspace) the same answer as a fresh search', () => {
    const entries = buildSyntheticEntries(5000, { seed: 7 });
    const typed = VaultIndex.of(entries);
    // Several words: looked for within the rows of a known word (the rarest), or of the longest when
    // none is known; "work" is known and denser than "gi" when "work gi" is typed.
    const keystrokes = ['g', 'gi', 'git', 'gith', 'git', 'git ', 'git w', 'git wo', 'git w', 'a', 'al', 'ali', 'alice', 'alice s', 'alice sm', 'work', 'work g', 'work gi', 'gi work', 'git git', 'a b c', 'xq', ''];
    for (const query of keystrokes) {
      const options = { currentUrl: 'https://github.com/', limit: 30 };
      expect(search(typed, query, options), query).toEqual(search(VaultIndex.of(entries), query, options));
    }
  });

  it('sees a delta at once: a renamed entry under its new name only, a removed one nowhere', () => {
    const [kept, renamed, removed] = [entry('Stays'), entry('Old name'), entry('Goes away')];
    const index = indexOf(kept, renamed, removed);
    expect(names(index, 'o')).toEqual(['Old name', 'Goes away']);
    applyDelta(index, { upserted: [{ ...renamed, name: 'New name', revision: 2 }], removed: [removed.id] });
    expect(names(index, 'o')).toEqual([]);
    expect(names(index, 'name')).toEqual(['New name']);
    expect(names(index, '')).toEqual(['New name', 'Stays']);
  });

  it('lists an empty box afresh after a delta, for another page, another limit or the trash', () => {
    const [mail, shop] = [entry('Mail', url('https://mail.example.com/')), entry('Shop', url('https://shop.example.org/'))];
    const binned = entry('Archive', { deletedAt: 1 });
    const index = indexOf(mail, shop, binned);
    expect(names(index, '')).toEqual(['Mail', 'Shop']);
    expect(names(index, '', { currentUrl: 'https://shop.example.org/cart' })).toEqual(['Shop', 'Mail']);
    expect(names(index, '', { limit: 1 })).toEqual(['Mail']);
    expect(names(index, '', { includeTrash: true })).toEqual(['Archive', 'Mail', 'Shop']);
    applyDelta(index, { upserted: [entry('Bank')] });
    expect(names(index, '')).toEqual(['Bank', 'Mail', 'Shop']);
  });
});
