import { MAX_GROUP_DOMAINS, MAX_OWN_GROUPS } from './domain-group-limits';
import { parseUrl } from './page-url';

// The user's own equivalent domains (docs/autofill.md, "Equivalent domains"): groups of sites that
// share one account, typed as text. Each name is reduced to its registrable domain, the unit the
// shipped groups use too, so "login.acme.com" and "acme.com" are one site. Public suffixes, IP
// addresses and single-label hosts are refused: "co.uk" in a group would offer every British
// site's logins on each of the others.

export type DomainGroupProblem = 'notADomain' | 'tooFewDomains' | 'tooManyDomains';

export type ParsedDomainGroup = { ok: true; domains: string[] } | { ok: false; problem: DomainGroupProblem; input?: string };

/** The registrable domain `name` stands for ("https://login.acme.com/x" → "acme.com"), or null. */
export function registrableDomain(name: string): string | null {
  return parseUrl(name, { assumeHttps: true })?.domain ?? null;
}

/** A group as typed — names separated by commas, spaces or new lines — as registrable domains in order without repeats. */
export function parseDomainGroup(text: string): ParsedDomainGroup {
  const names = text.split(/[\s,;]+/).filter((name) => name !== '');
  const domains: string[] = [];
  for (const name of names) {
    // "acme.com@evil.test" is evil.test to a URL parser: a name with user info is refused, not read that way.
    const domain = name.includes('@') ? null : registrableDomain(name);
    if (!domain) return { ok: false, problem: 'notADomain', input: name };
    if (!domains.includes(domain)) domains.push(domain);
  }
  if (domains.length < 2) return { ok: false, problem: 'tooFewDomains' };
  if (domains.length > MAX_GROUP_DOMAINS) return { ok: false, problem: 'tooManyDomains' };
  return { ok: true, domains };
}

/** Whether `groups` is a list this code would have written: each group already in the form parseDomainGroup gives. */
export function isOwnDomainGroups(groups: unknown): groups is string[][] {
  if (!Array.isArray(groups) || groups.length > MAX_OWN_GROUPS) return false;
  if (new Set(groups.map((group: unknown) => JSON.stringify(group))).size !== groups.length) return false;
  return groups.every((group) => {
    if (!Array.isArray(group) || !group.every((name) => typeof name === 'string')) return false;
    const parsed = parseDomainGroup(group.join(' '));
    return parsed.ok && parsed.domains.length === group.length && parsed.domains.every((domain, at) => domain === group[at]);
  });
}
