import { parseUrl, type ParsedUrl } from './page-url';
import { compileRule, isInsecure, ruleMatches, type CompiledRule, type UrlMatch } from './url-rule';
import type { EquivalentDomains } from './equivalent-domains';
import { wordsOf } from './url-words';

// Which entries belong to a page, found through maps keyed by what each rule compares, so one
// lookup costs the same in a vault of a hundred entries or of a hundred thousand (issue #8,
// autofill.match_us). Pure: the worker builds it from entries whose metadata MAC it verified, and
// checks the chosen entry again at fill time.

/** What matching reads of an entry. */
export interface MatchableEntry {
  id: string;
  urls: readonly { url: string; match: UrlMatch }[];
}

/** An entry that belongs to the page, by its best-matching saved URL. */
export interface SiteMatch {
  entryId: string;
  /** The saved URL that matched, to show beside the entry (always shown for an equivalent match). */
  url: string;
  match: UrlMatch;
  /** Matched only because the page's domain shares logins with the saved one: suggest it, never fill it silently. */
  equivalent: boolean;
  /** An http page for an https entry: filling must be asked for. */
  insecure: boolean;
}

interface Posting {
  entry: number;
  rule: CompiledRule;
}

// Best first: the most specific rule that matched is the one shown.
const RANK: Record<Exclude<UrlMatch, 'never'>, number> = { exact: 0, 'starts-with': 1, host: 2, domain: 3, regex: 4 };
const EQUIVALENT_RANK = 5;

function push<K>(map: Map<K, Posting[]>, key: K, posting: Posting): void {
  const list = map.get(key);
  if (list) list.push(posting);
  else map.set(key, [posting]);
}

export class MatchIndex {
  readonly #ids: string[] = [];
  /** Domain rules by the saved URL's site key (registrable domain, or host:port). */
  readonly #bySite = new Map<string, Posting[]>();
  /** Host, starts-with and exact rules by the saved URL's host key: each can only match a page on that host. */
  readonly #byHost = new Map<string, Posting[]>();
  /** Regex rules by the longest word every URL they match contains. */
  readonly #byWord = new Map<string, Posting[]>();
  /** Regex rules with no such word: tested on every lookup. */
  readonly #unkeyed: Posting[] = [];

  constructor(entries: Iterable<MatchableEntry>) {
    const patterns: (Posting & { rule: { match: 'regex' } })[] = [];
    for (const entry of entries) {
      const index = this.#ids.push(entry.id) - 1;
      for (const saved of entry.urls) {
        const rule = compileRule(saved.url, saved.match);
        if (!rule) continue;
        if (rule.match === 'regex') patterns.push({ entry: index, rule });
        else if (rule.match === 'domain') push(this.#bySite, rule.saved.siteKey, { entry: index, rule });
        else push(this.#byHost, rule.saved.hostKey, { entry: index, rule });
      }
    }
    this.#keyPatterns(patterns);
  }

  /**
   * Files each pattern under the one of its required words that the fewest patterns require: "https"
   * or "com" would put most patterns in every lookup, a site's own name only in that site's.
   */
  #keyPatterns(patterns: (Posting & { rule: { match: 'regex' } })[]): void {
    const counts = new Map<string, number>();
    for (const { rule } of patterns) for (const word of rule.words) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const posting of patterns) {
      let key: string | null = null;
      for (const word of posting.rule.words) if (key === null || counts.get(word)! < counts.get(key)!) key = word;
      if (key === null) this.#unkeyed.push(posting);
      else push(this.#byWord, key, posting);
    }
  }

  /**
   * The entries that belong to `pageUrl`, best match first; empty for a page that is not http(s).
   * `equivalents` is a lookup argument, not part of the index: the user changing their own groups
   * must not rebuild an index of 100,000 entries.
   */
  matches(pageUrl: string, equivalents: EquivalentDomains = new Map()): SiteMatch[] {
    const page = parseUrl(pageUrl);
    if (!page) return [];
    const best = new Map<number, { rank: number; match: SiteMatch }>();
    const offer = (posting: Posting, rank: number, equivalent: boolean) => {
      const known = best.get(posting.entry);
      if (known && known.rank <= rank) return;
      const { rule } = posting;
      best.set(posting.entry, { rank, match: { entryId: this.#ids[posting.entry]!, url: rule.url, match: rule.match, equivalent, insecure: isInsecure(rule, page) } });
    };
    for (const posting of this.#candidates(page)) if (ruleMatches(posting.rule, page)) offer(posting, RANK[posting.rule.match], false);
    for (const domain of page.domain ? (equivalents.get(page.domain) ?? []) : []) {
      for (const posting of this.#bySite.get(domain) ?? []) offer(posting, EQUIVALENT_RANK, true);
    }
    return [...best.values()].sort((a, b) => a.rank - b.rank || a.match.entryId.localeCompare(b.match.entryId)).map(({ match }) => match);
  }

  *#candidates(page: ParsedUrl): Iterable<Posting> {
    yield* this.#bySite.get(page.siteKey) ?? [];
    yield* this.#byHost.get(page.hostKey) ?? [];
    for (const word of new Set(wordsOf(page.href.toLowerCase()))) yield* this.#byWord.get(word) ?? [];
    yield* this.#unkeyed;
  }
}
