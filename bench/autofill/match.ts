import { MatchIndex, type MatchableEntry } from '../../lib/vault/matching/match-index';
import { equivalentDomains, type EquivalentDomains, type SharedCredentialsFile } from '../../lib/vault/matching/equivalent-domains';
import sharedCredentials from '../../lib/vault/matching/equivalent-domains-data/shared-credentials.json';
import type { UrlMatch } from '../../lib/vault/matching/url-rule';
import { median, round, type Figure } from '../report';

// autofill.match_us (issue #8): one lookup of a page URL in a 100,000-entry match index with a
// fixed mix of rules — 70 % domain, 10 % host, 5 % starts-with, 5 % exact, 5 % regex, 5 % never —
// and, measured in the same run, the same lookups in a 1,000-entry index: the ratio shows whether
// a lookup's cost grows with the vault (it should not).

const LOOKUPS = 2_000;
const ROUNDS = 5;

/** A small deterministic generator, so every run measures the same vault and the same pages. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const SUFFIXES = ['com', 'co.uk', 'github.io', 'de', 'com.au'];
const site = (n: number) => `shop${n}.${SUFFIXES[n % SUFFIXES.length]}`;

function savedUrl(n: number, rule: UrlMatch): string {
  const host = site(n);
  switch (rule) {
    case 'regex':
      return `^https://(www\\.)?${host.replace(/\./g, '\\.')}/(account|login)`;
    case 'starts-with':
      return `https://${host}/app/`;
    case 'exact':
      return `https://${host}/login`;
    case 'host':
      return `https://login.${host}/`;
    default:
      return `https://www.${host}/signin`;
  }
}

function ruleFor(draw: number): UrlMatch {
  if (draw < 0.7) return 'domain';
  if (draw < 0.8) return 'host';
  if (draw < 0.85) return 'starts-with';
  if (draw < 0.9) return 'exact';
  if (draw < 0.95) return 'regex';
  return 'never';
}

/** `count` entries on count / 2 sites (two logins per site on average), each URL with its rule. */
function syntheticEntries(count: number): MatchableEntry[] {
  const next = random(7);
  return Array.from({ length: count }, (_, n) => {
    const siteNumber = Math.floor(next() * (count / 2));
    const rule = ruleFor(next());
    return { id: `entry-${n}`, urls: [{ url: savedUrl(siteNumber, rule), match: rule }] };
  });
}

/** Page URLs: most on a site of the vault (its login, account or app pages), some on no site of it. */
function pageUrls(sites: number): string[] {
  const next = random(11);
  const paths = ['/login', '/account', '/app/dashboard', '/signin?next=%2F', '/'];
  return Array.from({ length: LOOKUPS }, () => {
    const n = Math.floor(next() * sites * 1.25);
    const prefix = next() < 0.3 ? 'www.' : next() < 0.5 ? 'login.' : '';
    return `https://${prefix}${site(n)}${paths[Math.floor(next() * paths.length)]}`;
  });
}

/** The median time of one lookup (µs) over ROUNDS passes through the pages, and how many matched. */
function timeLookups(index: MatchIndex, pages: readonly string[], equivalents: EquivalentDomains): { microseconds: number; found: number } {
  const samples: number[] = [];
  let found = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of pages) {
      const started = process.hrtime.bigint();
      const matches = index.matches(page, equivalents);
      samples.push(Number(process.hrtime.bigint() - started) / 1_000);
      if (round === 0 && matches.length > 0) found++;
    }
  }
  return { microseconds: median(samples), found };
}

export function measureMatch(log: (line: string) => void): Figure[] {
  const equivalents = equivalentDomains(sharedCredentials as SharedCredentialsFile);
  const large = syntheticEntries(100_000);
  const built = performance.now();
  const largeIndex = new MatchIndex(large);
  const buildMs = performance.now() - built;
  const smallIndex = new MatchIndex(syntheticEntries(1_000));
  const largePages = pageUrls(50_000);
  const smallPages = pageUrls(500);
  // Warm both (JIT, the suffix list's first lookups) before anything is timed.
  timeLookups(largeIndex, largePages.slice(0, 200), equivalents);
  timeLookups(smallIndex, smallPages.slice(0, 200), equivalents);
  const big = timeLookups(largeIndex, largePages, equivalents);
  const small = timeLookups(smallIndex, smallPages, equivalents);
  log(`match index of 100,000 entries built in ${round(buildMs)} ms`);
  log(`one lookup, 100,000 entries: ${round(big.microseconds)} µs (median of ${LOOKUPS * ROUNDS}; ${big.found} of ${LOOKUPS} pages matched)`);
  log(`one lookup, 1,000 entries:   ${round(small.microseconds)} µs (${small.found} of ${LOOKUPS} pages matched)`);
  return [
    { name: 'match_us', value: big.microseconds, unit: 'µs' },
    { name: 'match_us_1k', value: small.microseconds, unit: 'µs' },
    { name: 'match_ratio', value: big.microseconds / small.microseconds, unit: 'x' },
    { name: 'match_index_build_ms', value: buildMs, unit: 'ms' },
  ];
}
