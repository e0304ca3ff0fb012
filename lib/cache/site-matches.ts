import { equivalentDomains, type EquivalentDomains } from '../vault/matching/equivalent-domains';
import sharedCredentials from '../vault/matching/equivalent-domains-data/shared-credentials.json';
import type { SharedCredentialsFile } from '../vault/matching/equivalent-domains';
import { MatchIndex, type SiteMatch } from '../vault/matching/match-index';
import type { VaultIndex } from './vault-index';

// The entries that belong to a page, for a fill without a choice (a keyboard shortcut, the context
// menu) and later the inline menu: one match index over this device's copy, built on first use
// after each change of the vault (issue #8, autofill.match_us). Entries in the trash are left out.
// The copy is not verified here: the worker reads the chosen entry again, MAC checked, before it
// fills anything.

/** The domains that share logins, from the shipped data. */
export const SHARED_LOGINS = equivalentDomains(sharedCredentials as SharedCredentialsFile);

let withOwnMemo: { own: readonly (readonly string[])[]; table: EquivalentDomains } | null = null;

/** The shipped groups and the user's own (settings.ts), remembered for the last `own` seen: settings change rarely, pages often. */
export function sharedLoginsWith(own: readonly (readonly string[])[]): EquivalentDomains {
  if (own.length === 0) return SHARED_LOGINS;
  if (withOwnMemo?.own !== own) withOwnMemo = { own, table: equivalentDomains(sharedCredentials as SharedCredentialsFile, own) };
  return withOwnMemo.table;
}

/** A memo of the match index per index version. */
export function siteMatcher(index: VaultIndex) {
  let memo: { version: number; matcher: MatchIndex } | null = null;

  function matcher(): MatchIndex {
    if (memo?.version === index.version) return memo.matcher;
    const entries = Array.from({ length: index.size }, (_, slot) => index.entryAt(slot)).filter((entry) => entry.deletedAt === null);
    memo = { version: index.version, matcher: new MatchIndex(entries) };
    return memo.matcher;
  }

  return {
    /** The live entries whose URLs match `pageUrl`, best first (those matched through `equivalents` flagged). */
    matches: (pageUrl: string, equivalents: EquivalentDomains = SHARED_LOGINS): SiteMatch[] => matcher().matches(pageUrl, equivalents),
  };
}
