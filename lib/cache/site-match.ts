import { getDomain } from 'tldts';
import { hostOf } from './search-text';
import type { IndexEntry } from './index-entry';
import type { VaultIndex } from './vault-index';

// Which entries belong to the page the popup was opened on, for listing them first: an entry whose
// URL has the page's exact host, then one on the page's registrable domain (public suffix list,
// via tldts). This orders a list; it authorises nothing: autofill checks its own rules against
// verified entries.

/** How an entry relates to the current page, best first; NO_SITE for the rest. */
export const SITE_HOST = 0;
export const SITE_DOMAIN = 1;
export const NO_SITE = 2;

/** The page's host and registrable domain, or null for pages that are not http(s). */
export interface PageSite {
  host: string;
  domain: string;
  /** An internationalised domain, which entries may spell in Unicode rather than punycode. */
  punycode: boolean;
}

/** The site of `pageUrl`, or null when it has none (a new tab, an extension page, a bad URL). */
export function pageSite(pageUrl: string | null | undefined): PageSite | null {
  if (!pageUrl) return null;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.replace(/\.$/, '');
  // The private part of the suffix list counts too: foo.github.io and bar.github.io are different
  // people's sites. IP addresses and single-label hosts (localhost) have no registrable domain:
  // only the host itself counts.
  const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
  return { host, domain, punycode: domain.includes('xn--') };
}

// Regex rules stay out of this ordering: the index is not verified yet, and a hostile server's
// pathological regex must not be able to freeze the worker. "never" means never.
const EXACT_RULES: ReadonlySet<string> = new Set(['host', 'starts-with', 'exact']);

/** SITE_HOST, SITE_DOMAIN or NO_SITE for one entry. */
export function siteTierOf(entry: IndexEntry, site: PageSite): number {
  let tier = NO_SITE;
  for (const url of entry.urls) {
    if (url.match !== 'domain' && !EXACT_RULES.has(url.match)) continue;
    const host = hostOf(url.url);
    if (host === site.host) return SITE_HOST;
    // A host ending in ".<registrable domain>" has that registrable domain (barring exotic
    // wildcard suffix rules): the same answer as getDomain per URL, without the suffix lookup.
    if (url.match === 'domain' && (host === site.domain || host.endsWith(`.${site.domain}`))) tier = SITE_DOMAIN;
  }
  return tier;
}

/** The site tier of every row, by slot (search memoises it per page and index version). */
export function siteTiers(index: VaultIndex, site: PageSite): Uint8Array {
  const tiers = new Uint8Array(index.size).fill(NO_SITE);
  // Only rows whose URLs contain the page's domain can match, and one pass over the index's text
  // finds them without parsing a URL. (Entries may spell an internationalised host in Unicode
  // where the page has punycode: then every row is checked.)
  const candidates = site.punycode ? Array.from({ length: index.size }, (_, slot) => slot) : index.slotsWithUrlText(site.domain);
  for (const slot of candidates) tiers[slot] = siteTierOf(index.entryAt(slot), site);
  return tiers;
}
