import { RE2JS } from 're2js';
import type { URL_MATCHES } from '../../contract/item-kinds';
import { parseUrl, type ParsedUrl } from './page-url';
import { requiredWords } from './regex-words';

// One saved URL of an entry with its match rule, compiled once: the parsed URL for the host-based
// rules, the pattern for regex rules. A rule that can never match (never, a URL that does not
// parse, a pattern that does not compile) compiles to null and is left out of the index.
//
// Patterns run on RE2 (re2js, MIT), whose matching time is linear in the URL's length whatever the
// pattern: with JavaScript's backtracking engine a pattern such as "(?:a|aa)+$" and a page URL the
// page itself chooses could freeze the worker for seconds. RE2 has no lookaround or backreferences;
// a pattern that uses them does not compile.

export type UrlMatch = (typeof URL_MATCHES)[number];

export type CompiledRule = { match: 'domain' | 'host' | 'starts-with' | 'exact'; url: string; saved: ParsedUrl } | { match: 'regex'; url: string; regex: RE2JS; words: string[] };

/** Longer patterns are refused: a rule is a URL's pattern, not a program. */
export const MAX_PATTERN_LENGTH = 500;

/** The pattern compiled case-insensitively for RE2, or null when it is empty, too long or not valid RE2. */
export function safeRegex(pattern: string): RE2JS | null {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return null;
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
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
      // Without user info: "https://acme.com@evil.test/" must not pass for acme.com.
      return rule.regex.test(page.hrefWithoutUserInfo);
  }
}

/** An http page for an https entry (or any http page, for a pattern): filling there must be asked for. */
export function isInsecure(rule: CompiledRule, page: ParsedUrl): boolean {
  if (page.scheme === 'https') return false;
  return rule.match === 'regex' || rule.saved.scheme === 'https';
}
