import { getDomain } from 'tldts';
import { parsePasswordRules, type ParsedRules } from './parse-rules';
import passwordRulesJson from './password-rules-data/password-rules.json';

// Sites' known password rules, from apple/password-manager-resources (password-rules.json, MIT,
// LICENSE.md beside it). As its README defines the file, a key applies to its host and the hosts
// under it ("163.com" on www.163.com; "account.samsung.com" on account.samsung.com and below, not on
// samsung.com or www.samsung.com), unless the entry says `exact-domain-match-only`.

/** The shape of password-rules.json. */
export type PasswordRulesFile = Record<string, { 'password-rules': string; 'exact-domain-match-only'?: boolean }>;

const SHIPPED = passwordRulesJson as PasswordRulesFile;

/** The hosts whose keys could apply to `hostname`, most specific first: itself, then each parent down to the registrable domain. */
function candidateHosts(hostname: string): string[] {
  const domain = getDomain(hostname, { allowPrivateDomains: true });
  // IPs and single-label hosts have no registrable domain: only an exact key applies.
  if (!domain || !hostname.endsWith(domain)) return [hostname];
  const labels = hostname.split('.');
  const stop = labels.length - domain.split('.').length;
  return Array.from({ length: stop + 1 }, (_, i) => labels.slice(i).join('.'));
}

/**
 * The known rules for a page on `hostname` (as `URL.hostname` gives it) and the key they were found
 * under, or null when the site has none. The most specific key wins.
 */
export function siteRulesFor(hostname: string, file: PasswordRulesFile = SHIPPED): { key: string; rules: ParsedRules } | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  for (const key of candidateHosts(host)) {
    const entry = Object.hasOwn(file, key) ? file[key] : undefined;
    if (!entry || (entry['exact-domain-match-only'] === true && key !== host)) continue;
    return { key, rules: parsePasswordRules(entry['password-rules']) };
  }
  return null;
}
