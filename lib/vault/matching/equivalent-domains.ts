// Domains whose logins are the same account (docs/autofill.md, "Equivalent domains"): the groups of
// Apple's shared-credentials.json (MIT, a copy in ./equivalent-domains-data) and the user's own. A login matched only
// through them is suggested with its saved site shown, never filled silently.

/** The shape of shared-credentials.json: groups that all share logins, and one-way moves. */
export type SharedCredentialsFile = readonly ({ shared: readonly string[] } | { from: readonly string[]; to: readonly string[]; fromDomainsAreObsoleted?: boolean })[];

/** For a page's registrable domain, the other domains whose saved logins may be suggested there. */
export type EquivalentDomains = ReadonlyMap<string, readonly string[]>;

const normalised = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, '');

/**
 * The lookup table from the shared-credentials data and the user's own groups (each a list of
 * domains that share logins). A `from`/`to` pair works one way: logins saved for a `from` domain
 * (often a site's old name) are suggested on its `to` domains, never the reverse.
 */
export function equivalentDomains(file: SharedCredentialsFile, own: readonly (readonly string[])[] = []): EquivalentDomains {
  const table = new Map<string, Set<string>>();
  const add = (pageDomain: string, savedDomain: string) => {
    const [page, saved] = [normalised(pageDomain), normalised(savedDomain)];
    if (page === saved) return;
    let others = table.get(page);
    if (!others) table.set(page, (others = new Set()));
    others.add(saved);
  };
  const groups = [...file.flatMap((group) => ('shared' in group ? [group.shared] : [])), ...own];
  for (const group of groups) for (const page of group) for (const saved of group) add(page, saved);
  for (const group of file) if ('from' in group) for (const page of group.to) for (const saved of group.from) add(page, saved);
  return new Map([...table].map(([domain, others]) => [domain, [...others]]));
}
