import { isUrlWordChar, wordsOf } from './url-words';

// What the regex prefilter indexes a pattern by (patterns are RE2's, url-rule.ts): a word every URL the pattern matches must contain
// as a whole word. A lookup then tests only the patterns keyed by one of the page URL's own words,
// so the cost of regex rules does not grow with the vault. The reading is deliberately partial:
// anything it does not understand ends a literal run, so a word it returns is always required.
// Patterns it can draw no word from are tested on every lookup.

/** The index of the character after the group or class that starts at `from` (its closing bracket + 1). */
function skipBracketed(pattern: string, from: number): number {
  const close = pattern[from] === '[' ? ']' : ')';
  let depth = 0;
  for (let at = from; at < pattern.length; at++) {
    const char = pattern[at]!;
    if (char === '\\') {
      at++;
      continue;
    }
    if (close === ']') {
      // As RE2 reads a class: a "]" first (after any "^") is a member, not the end.
      const first = pattern[from + 1] === '^' ? from + 2 : from + 1;
      if (char === ']' && at > first) return at + 1;
      continue;
    }
    if (char === '[') {
      at = skipBracketed(pattern, at) - 1;
      continue;
    }
    if (char === '(') depth++;
    if (char === ')' && --depth === 0) return at + 1;
  }
  return pattern.length;
}

/** The length of a quantifier at `at` ("*", "+?", "{2,3}"…), 0 when there is none, and whether it allows zero. */
function quantifierAt(pattern: string, at: number): { length: number; optional: boolean } {
  const char = pattern[at];
  let length = 0;
  let optional = false;
  if (char === '*' || char === '?' || char === '+') {
    length = 1;
    optional = char !== '+';
  } else if (char === '{') {
    const match = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(at));
    if (match) {
      length = match[0].length;
      optional = Number(match[1]) === 0;
    }
  }
  if (length > 0 && pattern[at + length] === '?') length++;
  return { length, optional };
}

const LITERAL_ESCAPES = new Set([...'./-:?=&#@!%~_,;\'"<>*+()[]{}|^$\\ ']);
// Characters that stand for themselves unescaped; anything else (metacharacters, a stray closing
// bracket after a class this reading cut short) ends the run instead.
const PLAIN_LITERALS = /^[a-zA-Z0-9/:\-_=&%#@,;~'"<>! ]$/;

/** Whether every string the group matches ends with a separator: no top-level alternation, and a last element that is one literal non-word character. */
function endsWithSeparator(group: string): boolean {
  const body = group.startsWith('?:') ? group.slice(2) : group;
  if (body.startsWith('?')) return false;
  let depth = 0;
  for (let at = 0; at < body.length; at++) {
    const char = body[at]!;
    if (char === '\\') at++;
    else if (char === '[') at = skipBracketed(body, at) - 1;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return false;
  }
  const last = body[body.length - 1] ?? '';
  const escaped = body[body.length - 2] === '\\' && body[body.length - 3] !== '\\';
  if (escaped) return LITERAL_ESCAPES.has(last) && !isUrlWordChar(last);
  return PLAIN_LITERALS.test(last) && !isUrlWordChar(last) && !'?*+}'.includes(last);
}

/** Words bounded on both sides inside one required literal run (its ends count when anchored). */
function interiorWords(run: string, startBounded: boolean, endBounded: boolean): string[] {
  const words = wordsOf(run);
  if (words.length === 0) return [];
  const first = !startBounded && isUrlWordChar(run[0]!) ? 1 : 0;
  const last = !endBounded && isUrlWordChar(run[run.length - 1]!) ? words.length - 1 : words.length;
  return words.slice(first, last);
}

/**
 * Words that every string `pattern` matches (case-insensitively) contains as whole words, longest
 * first; empty when none can be told (a top-level alternation, or no literal long enough).
 */
export function requiredWords(pattern: string): string[] {
  const found: string[] = [];
  let run = '';
  let runStartBounded = false;
  const endRun = (endBounded: boolean) => {
    found.push(...interiorWords(run, runStartBounded, endBounded));
    run = '';
    runStartBounded = false;
  };
  let at = 0;
  if (pattern[0] === '^') {
    runStartBounded = true;
    at = 1;
  }
  while (at < pattern.length) {
    const char = pattern[at]!;
    if (char === '|') return [];
    if (char === '$' && at === pattern.length - 1) {
      endRun(true);
      break;
    }
    let literal: string | null = null;
    let next = at + 1;
    let group: string | null = null;
    if (char === '\\') {
      const escaped = pattern[at + 1] ?? '';
      next = at + 2;
      if (LITERAL_ESCAPES.has(escaped)) literal = escaped;
    } else if (char === '(' || char === '[') {
      next = skipBracketed(pattern, at);
      if (char === '(') group = pattern.slice(at + 1, next - 1);
    } else if (PLAIN_LITERALS.test(char)) {
      literal = char.toLowerCase();
    }
    const quantifier = quantifierAt(pattern, next);
    // Before a group, is what precedes it a separator? (Nothing yet after "^" counts as one.)
    const separatedBefore = run.length > 0 ? !isUrlWordChar(run[run.length - 1]!) : runStartBounded;
    if (literal !== null && !quantifier.optional) run += literal;
    // Anything but a plain literal, and any repetition, ends the run: what follows it is not known.
    if (literal === null || quantifier.length > 0) endRun(false);
    // "(www\.)?" ends in a separator when present, and leaves the one before it when absent: the
    // word after it starts at a word boundary all the same.
    if (group !== null && endsWithSeparator(group) && (!quantifier.optional || separatedBefore)) runStartBounded = true;
    at = next + quantifier.length;
  }
  endRun(false);
  return [...new Set(found.filter((word) => word.length >= 2))].sort((a, b) => b.length - a.length);
}
