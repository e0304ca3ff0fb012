import { getDomain } from 'tldts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexEntry } from './index-entry';
import { search } from './search';
import { buildSyntheticEntries } from './synthetic-vault';
import { VaultIndex } from './vault-index';

// Search over the 100,000-entry synthetic vault the benchmark uses, checked against a slow,
// obviously correct reading of the ranking rules (regexes and the URL parser, no index): every
// keystroke of a few realistic queries must find exactly the same matches and the same top rows.
// Correctness only; speed is for `npm run bench -- extension`.

const COUNT = 100_000;
const PAGE = 'https://github.com/login';
/** An entry with its fields folded and its site tier worked out once, for the reference. */
interface Prepared {
  entry: IndexEntry;
  fields: string[][];
  site: number;
}
let prepared: Prepared[];
let fieldsOf: Map<IndexEntry, string[][]>;
let index: VaultIndex;

beforeAll(() => {
  const entries = buildSyntheticEntries(COUNT, { seed: 42 });
  index = VaultIndex.of(entries);
  prepared = entries.map((entry) => ({ entry, fields: [[entry.name], [entry.login], entry.urls.map((url) => withoutScheme(url.url)), entry.tags].map((texts) => texts.map(fold)), site: referenceSite(entry) }));
  fieldsOf = new Map(prepared.map((row) => [row.entry, row.fields]));
});

const fold = (text: string) => text.normalize('NFC').toLowerCase();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const withoutScheme = (address: string) => address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');

/** A query's words, each with a regex finding it at the start of a word. */
function wordsOf(query: string): { word: string; wordStart: RegExp }[] {
  return fold(query)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ({ word, wordStart: new RegExp(`(^|[^a-z0-9\\u00c0-\\uffff])${escape(word)}`) }));
}

/** The tier of one word in one entry, straight from the rules; -1 when absent. */
function referenceTier(fields: string[][], { word, wordStart }: { word: string; wordStart: RegExp }): number {
  if (fields[0]![0]!.startsWith(word)) return 0;
  const field = fields.findIndex((texts) => texts.some((text) => text.includes(word)));
  if (field < 0) return -1;
  return 1 + 2 * field + (fields[field]!.some((text) => wordStart.test(text)) ? 0 : 1);
}

function referenceSite(entry: IndexEntry): number {
  const page = new URL(PAGE).hostname;
  let tier = 2;
  for (const { url, match } of entry.urls) {
    if (!['domain', 'host', 'starts-with', 'exact'].includes(match)) continue;
    const host = new URL(url.includes('://') ? url : `https://${url}`).hostname;
    if (host === page) return 0;
    if (match === 'domain' && getDomain(host, { allowPrivateDomains: true }) === getDomain(page, { allowPrivateDomains: true })) tier = 1;
  }
  return tier;
}

/** Every non-trashed match of `query` as [site, score, favourite, folded name], best first. */
function reference(query: string): [number, number, boolean, string][] {
  const words = wordsOf(query);
  const rows: [number, number, boolean, string][] = [];
  for (const { entry, fields, site } of prepared) {
    if (entry.deletedAt !== null) continue;
    const tiers = words.map((word) => referenceTier(fields, word));
    if (tiers.some((tier) => tier < 0)) continue;
    rows.push([site, tiers.reduce((sum, tier) => sum + tier, 0), entry.favourite, fields[0]![0]!]);
  }
  return rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || Number(b[2]) - Number(a[2]) || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
}

function observed(query: string, limit: number): [number, number, boolean, string][] {
  const words = wordsOf(query);
  return search(index, query, { currentUrl: PAGE, limit }).hits.map(({ entry, site }) => {
    const fields = fieldsOf.get(entry)!;
    const score = words.reduce((sum, word) => sum + referenceTier(fields, word), 0);
    return [site === 'host' ? 0 : site === 'domain' ? 1 : 2, score, entry.favourite, fields[0]![0]!];
  });
}

describe('search over 100,000 synthetic entries', () => {
  // "user7" and "27 ok" start with a key few names start with: ranked from every row's character masks.
  it.each(['github work', 'alice.g', 'zür', 'amazon web', 'ops', 'crédit', 'user7', '27 ok'])('every keystroke of %j finds what the rules say, best first', (query) => {
    for (let length = 1; length <= query.length; length++) {
      const typed = query.slice(0, length);
      const expected = reference(typed);
      expect(search(index, typed, { currentUrl: PAGE }).total, typed).toBe(expected.length);
      expect(observed(typed, 25), typed).toEqual(expected.slice(0, 25));
    }
  });

  it('lists the current site, then favourites, then names when nothing is typed', () => {
    expect(observed('', 60)).toEqual(reference('').slice(0, 60));
  });
});
