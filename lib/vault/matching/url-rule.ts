import type { URL_MATCHES } from '../../contract/item-kinds';
import { parseUrl, type ParsedUrl } from './page-url';
import { requiredWords } from './regex-words';

// One saved URL of an entry with its match rule, compiled once: the parsed URL for the host-based
// rules, the regular expression for regex rules. A rule that can never match (never, a URL that
// does not parse, an unsafe pattern) compiles to null and is left out of the index.

export type UrlMatch = (typeof URL_MATCHES)[number];

export type CompiledRule = { match: 'domain' | 'host' | 'starts-with' | 'exact'; url: string; saved: ParsedUrl } | { match: 'regex'; url: string; regex: RegExp; words: string[] };

/** Longer patterns are refused: a rule is a URL's pattern, not a program. */
export const MAX_PATTERN_LENGTH = 500;
// A quantified group that itself holds a quantifier ("(a+)+", "(\w*)*", "(x|y+){2,}") is the shape
// of catastrophic backtracking; such a pattern could freeze the worker on a crafted URL.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

/** The pattern compiled case-insensitively, or null when it is too long, nests quantifiers or does not compile. */
export function safeRegex(pattern: string): RegExp | null {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH || NESTED_QUANTIFIER.test(pattern)) return null;
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return null;
  }
}

export function compileRule(url: string, match: UrlMatch): CompiledRule | null {
  if (match === 'never') return null;
  if (match === 'regex') {
    const regex = safeRegex(url);
    return regex ? { match, url, regex, words: requiredWords(url) } : null;
  }
  const saved = parseUrl(url, { assumeHttps: true });
  return saved ? { match, url, saved } : null;
}

/** Whether `rule` matches the page. Scheme is not compared here: `insecure` says when it differs for the worse. */
export function ruleMatches(rule: CompiledRule, page: ParsedUrl): boolean {
  switch (rule.match) {
    case 'domain':
      return rule.saved.siteKey === page.siteKey;
    case 'host':
      return rule.saved.hostKey === page.hostKey;
    case 'starts-with':
      return page.afterScheme.startsWith(rule.saved.afterScheme);
    case 'exact':
      return page.afterScheme === rule.saved.afterScheme;
    case 'regex':
      return rule.regex.test(page.href);
  }
}

/** An http page for an https entry (or any http page, for a pattern): filling there must be asked for. */
export function isInsecure(rule: CompiledRule, page: ParsedUrl): boolean {
  if (page.scheme === 'https') return false;
  return rule.match === 'regex' || rule.saved.scheme === 'https';
}
