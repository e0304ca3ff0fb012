// The `passwordrules` language (Apple's proposal, whatwg/html#3518; https://developer.apple.com/password-rules/),
// parsed by hand from its documentation. It reaches us from two places: a page's `passwordrules`
// attribute, which the page controls, and password-rules.json. So the parser never throws: a rule it
// cannot read is dropped and the rest are kept, because a page's typo must not cost the user a
// generator. Where the documentation is silent we behave as the reference parser in
// apple/password-manager-resources does: class names are case-insensitive, property names are not,
// and a rule naming an unknown class is dropped as a whole rather than guessed at. Unlike it, we
// allow whitespace before ":" and after a number, and go on past a malformed rule.

/** A character class the language names. */
export type NamedClass = 'upper' | 'lower' | 'digit' | 'special' | 'ascii-printable' | 'unicode';

/** A class in a rule: named, or the ASCII printable characters of a custom class `[...]`, each once. */
export type RuleClass = NamedClass | { readonly custom: string };

/** One `passwordrules` value, with repeated rules already combined. */
export interface ParsedRules {
  /** The largest `minlength` given (the strictest). */
  minLength?: number;
  /** The smallest `maxlength` given. */
  maxLength?: number;
  /** The smallest `max-consecutive`: how many identical characters may follow one another. */
  maxConsecutive?: number;
  /** One entry per `required:` rule; each needs a character from the union of its classes. */
  required: RuleClass[][];
  /** The classes of every `allowed:` rule (they add up). With `required`, what the password may use. */
  allowed: RuleClass[];
}

const NAMED_CLASSES: readonly string[] = ['upper', 'lower', 'digit', 'special', 'ascii-printable', 'unicode'];

// HTML's ASCII whitespace.
const isWhitespace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';
const isPrintableAscii = (char: string) => char >= ' ' && char <= '~';
const isIdentifierCharacter = (char: string | undefined) => char !== undefined && /^[a-z-]$/i.test(char);

function skipWhitespace(text: string, at: number): number {
  while (isWhitespace(text[at])) at++;
  return at;
}

/**
 * The custom class opening at `text[start]` ("["): its characters and the index after it, or null
 * when it never closes. As specified, "-" counts only as the first character, and "]" is a member
 * only when doubled at the end ("[]]" is "]"). Characters outside printable ASCII are skipped.
 */
function readCustomClass(text: string, start: number): { characters: string; end: number } | null {
  const characters = new Set<string>();
  for (let at = start + 1; at < text.length; at++) {
    const char = text[at]!;
    if (char === ']') {
      if (text[at + 1] !== ']') return { characters: [...characters].join(''), end: at + 1 };
      characters.add(']');
      return { characters: [...characters].join(''), end: at + 2 };
    }
    if (!isPrintableAscii(char) || (char === '-' && at > start + 1)) continue;
    characters.add(char);
  }
  return null;
}

/** The index of the ";" ending the rule that starts at `start` (one inside "[...]" does not count), or the text's length. */
function ruleEnd(text: string, start: number): number {
  let at = start;
  while (at < text.length && text[at] !== ';') {
    if (text[at] === '[') at = readCustomClass(text, at)?.end ?? text.length;
    else at++;
  }
  return at;
}

/** The classes of a `required:`/`allowed:` value, or null when any part is malformed or unknown. */
function readClassList(value: string): RuleClass[] | null {
  const classes: RuleClass[] = [];
  let at = skipWhitespace(value, 0);
  for (;;) {
    if (value[at] === '[') {
      const custom = readCustomClass(value, at);
      if (!custom) return null;
      // "[]" names nothing; the other classes of the rule still count.
      if (custom.characters) classes.push({ custom: custom.characters });
      at = custom.end;
    } else {
      let end = at;
      while (isIdentifierCharacter(value[end])) end++;
      const name = value.slice(at, end).toLowerCase();
      if (!NAMED_CLASSES.includes(name)) return null;
      classes.push(name as NamedClass);
      at = end;
    }
    at = skipWhitespace(value, at);
    if (at >= value.length) return classes;
    if (value[at] !== ',') return null;
    at = skipWhitespace(value, at + 1);
  }
}

/** A positive whole number, or null. Zero is refused, as the reference parser refuses it: "maxlength: 0" would forbid every password. */
function readCount(value: string): number | null {
  const text = value.trim();
  if (!/^[0-9]+$/.test(text)) return null;
  const count = Number(text);
  return Number.isSafeInteger(count) && count > 0 ? count : null;
}

function applyRule(rules: ParsedRules, rule: string): void {
  const match = /^\s*([a-zA-Z-]+)\s*:(.*)$/s.exec(rule);
  if (!match) return;
  const name = match[1]!;
  const value = match[2]!;
  if (name === 'required' || name === 'allowed') {
    const classes = readClassList(value);
    if (!classes?.length) return;
    if (name === 'required') rules.required.push(classes);
    else rules.allowed.push(...classes);
    return;
  }
  const count = readCount(value);
  if (count === null) return;
  if (name === 'minlength') rules.minLength = Math.max(rules.minLength ?? 0, count);
  else if (name === 'maxlength') rules.maxLength = Math.min(rules.maxLength ?? Infinity, count);
  else if (name === 'max-consecutive') rules.maxConsecutive = Math.min(rules.maxConsecutive ?? Infinity, count);
  // Other property names are ignored: the language may grow.
}

/** The rules `text` states, repeated ones combined by the strictest; never throws, malformed rules are left out. */
export function parsePasswordRules(text: string): ParsedRules {
  const rules: ParsedRules = { required: [], allowed: [] };
  for (let start = 0; start < text.length; ) {
    const end = ruleEnd(text, start);
    applyRule(rules, text.slice(start, end));
    start = end + 1;
  }
  return rules;
}
