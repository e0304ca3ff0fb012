import changePasswordUrls from './saving-data/change-password-URLs.json';
import { parseUrl } from '../matching/page-url';
import type { UrlMatch } from '../matching/url-rule';

// Where a site lets its users change their password: Apple's list of such pages
// (password-manager-resources, MIT, a copy with its licence in ./saving-data), else the W3C's
// well-known URL for changing passwords, which a site that supports it redirects to its own page.

// Only https pages are opened from the list: an http one could be rewritten on the way by anyone
// on the network, on the very page where the user types a new password.
const PAGES: ReadonlyMap<string, string> = new Map(Object.entries(changePasswordUrls as Record<string, string>).filter(([, url]) => url.startsWith('https://')));

/** The hosts to look up for `hostname`, most specific first: itself, then each parent down to the registrable `domain`. */
function hostsUpTo(hostname: string, domain: string | null): string[] {
  if (!domain || !hostname.endsWith(`.${domain}`)) return [hostname];
  const labels = hostname.split('.');
  const parents = labels.length - domain.split('.').length;
  return Array.from({ length: parents + 1 }, (_, index) => labels.slice(index).join('.'));
}

/**
 * The change-password page for an entry's site, from its first saved http(s) URL (patterns and
 * never-rules name no site): the listed page for its host or a parent domain, else the site's
 * `/.well-known/change-password` on the saved scheme and port. Null when no URL names a site.
 */
export function changePasswordUrl(entryUrls: readonly { url: string; match: UrlMatch }[]): string | null {
  for (const { url, match } of entryUrls) {
    if (match === 'regex' || match === 'never') continue;
    const saved = parseUrl(url, { assumeHttps: true });
    if (!saved) continue;
    for (const host of hostsUpTo(saved.hostname, saved.domain)) {
      const page = PAGES.get(host);
      if (page) return page;
    }
    // The origin, not the saved path or query: keeps an http-only site on http and a port it names.
    return `${new URL(saved.hrefWithoutUserInfo).origin}/.well-known/change-password`;
  }
  return null;
}
