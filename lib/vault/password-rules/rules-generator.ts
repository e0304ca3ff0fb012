import { PASSWORD_LENGTH } from '../generator';
import { cryptoRandom, pickOne, shuffleInPlace, type RandomSource } from '../uniform-random';
import type { ParsedRules, RuleClass } from './parse-rules';

// One password for several rule sets at once (issue #9): the field's `passwordrules` attribute, the
// site's known rules and the organisation's policy. Each set alone says what it allows; together a
// character must be allowed by every set, and every set's required classes must each appear.

/** The length used when the rules leave a choice. */
export const PREFERRED_RULES_LENGTH = 20;

/** Why rules cannot be met; stable, so the UI can word each one. */
export type RulesProblem = 'lengthRange' | 'noAllowedCharacters' | 'requiredNotAllowed' | 'tooManyRequiredSets' | 'maxConsecutive';

/** Thrown when no password meets the rules; `problem` says why. */
export class PasswordRulesError extends Error {
  constructor(
    readonly problem: RulesProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PasswordRulesError';
  }
}

/** Rule sets merged into one requirement: characters as single-character strings, sorted. */
export interface MergedRules {
  minLength: number;
  maxLength: number;
  maxConsecutive: number;
  alphabet: string[];
  /** Sets a character of each must appear; none contains another (the smaller one suffices). */
  required: string[][];
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const isAlphanumeric = (char: string) => /^[A-Za-z0-9]$/.test(char);

function charactersOf(ruleClass: RuleClass): string[] {
  if (typeof ruleClass !== 'string') return [...ruleClass.custom];
  switch (ruleClass) {
    case 'upper':
      return PRINTABLE.filter((char) => char >= 'A' && char <= 'Z');
    case 'lower':
      return PRINTABLE.filter((char) => char >= 'a' && char <= 'z');
    case 'digit':
      return PRINTABLE.filter((char) => char >= '0' && char <= '9');
    case 'special':
      // As the reference parser defines it: every printable ASCII character but letters and digits,
      // space included (Apple's documentation lists the same but for / \ and ]).
      return PRINTABLE.filter((char) => !isAlphanumeric(char));
    case 'ascii-printable':
    case 'unicode':
      // We generate ASCII only: a site that takes any Unicode character takes these, and they can
      // be typed on every keyboard.
      return PRINTABLE;
  }
}

const union = (classes: readonly RuleClass[]) => new Set(classes.flatMap(charactersOf));

/** What one rule set lets a password use: its allowed and required classes, or all printable ASCII when it names none. */
function allowedBy(rules: ParsedRules): Set<string> {
  const classes = [...rules.allowed, ...rules.required.flat()];
  return classes.length === 0 ? new Set(PRINTABLE) : union(classes);
}

/** The required sets without repeats and without any set that contains another. */
function smallestRequired(sets: string[][]): string[][] {
  const kept: string[][] = [];
  for (const set of [...sets].sort((a, b) => a.length - b.length)) {
    if (!kept.some((smaller) => smaller.every((char) => set.includes(char)))) kept.push(set);
  }
  return kept;
}

function mergedCharacters(ruleSets: readonly ParsedRules[]): Pick<MergedRules, 'alphabet' | 'required'> {
  const allowedSets = ruleSets.map(allowedBy);
  let alphabet = PRINTABLE.filter((char) => allowedSets.every((allowed) => allowed.has(char)));
  if (alphabet.length === 0) throw new PasswordRulesError('noAllowedCharacters', 'The rules allow no character in common.');
  let required = ruleSets.flatMap((rules) => rules.required.map(union)).map((set) => alphabet.filter((char) => set.has(char)));
  if (required.some((set) => set.length === 0)) throw new PasswordRulesError('requiredNotAllowed', 'A required kind of character is not allowed by the other rules.');
  // Space is trimmed or refused by many forms and hard to see, so it is left out whenever the rules
  // can be met without it (the plain generator leaves it out too).
  const withoutSpace = (set: string[]) => set.filter((char) => char !== ' ');
  if (withoutSpace(alphabet).length > 0 && required.every((set) => withoutSpace(set).length > 0)) {
    alphabet = withoutSpace(alphabet);
    required = required.map(withoutSpace);
  }
  return { alphabet, required: smallestRequired(required) };
}

/** The rule sets as one requirement; throws PasswordRulesError when they contradict each other. */
export function mergeRules(ruleSets: readonly ParsedRules[]): MergedRules {
  const strictest = (values: (number | undefined)[], pick: (...numbers: number[]) => number, none: number) =>
    pick(none, ...values.filter((value): value is number => value !== undefined));
  const minLength = strictest(ruleSets.map((rules) => rules.minLength), Math.max, 1);
  const maxLength = strictest(ruleSets.map((rules) => rules.maxLength), Math.min, Infinity);
  const maxConsecutive = strictest(ruleSets.map((rules) => rules.maxConsecutive), Math.min, Infinity);
  // A page's attribute is the page's to write: "minlength: 1000000000" must not make us build a gigabyte.
  if (minLength > PASSWORD_LENGTH.max) throw new PasswordRulesError('lengthRange', `The rules ask for at least ${minLength} characters; the most we generate is ${PASSWORD_LENGTH.max}.`);
  if (minLength > maxLength) throw new PasswordRulesError('lengthRange', `The rules ask for at least ${minLength} and at most ${maxLength} characters.`);
  return { minLength, maxLength, maxConsecutive, ...mergedCharacters(ruleSets) };
}

/**
 * One try: random positions for one character of each required set, then every position filled
 * left to right with a uniform choice from its set, leaving out the character that would make a run
 * longer than `maxConsecutive`. Null when a single-character set meets the end of such a run.
 */
function attempt(length: number, rules: MergedRules, random: RandomSource): string | null {
  const slots: string[][] = Array.from({ length }, () => rules.alphabet);
  const positions = shuffleInPlace(Array.from({ length }, (_, i) => i), random);
  rules.required.forEach((set, i) => (slots[positions[i]!] = set));
  const password: string[] = [];
  let run = 0;
  for (const slot of slots) {
    const previous = password.at(-1);
    const choices = run >= rules.maxConsecutive ? slot.filter((char) => char !== previous) : slot;
    if (choices.length === 0) return null;
    const char = pickOne(choices, random);
    run = char === previous ? run + 1 : 1;
    password.push(char);
  }
  return password.join('');
}

// Enough for any rules where a try fails only through bad luck (a few single-character required
// sets over a two-character alphabet); rules that fail this often are reported, never looped on.
const ATTEMPTS = 100;

/**
 * A random password meeting every rule set in `ruleSets` (attribute, site, policy): the preferred
 * length (20) brought within the rules' bounds. Throws PasswordRulesError when the rules cannot be met.
 */
export function generateForRules(ruleSets: readonly ParsedRules[], options: { random?: RandomSource; preferredLength?: number } = {}): string {
  const { random = cryptoRandom, preferredLength = PREFERRED_RULES_LENGTH } = options;
  if (!Number.isInteger(preferredLength) || preferredLength < 1) throw new PasswordRulesError('lengthRange', 'The preferred length must be a positive whole number.');
  const rules = mergeRules(ruleSets);
  const length = Math.min(Math.max(preferredLength, rules.minLength, rules.required.length), rules.maxLength, PASSWORD_LENGTH.max);
  if (length < rules.required.length) {
    throw new PasswordRulesError('tooManyRequiredSets', `${length} characters cannot hold one of each of the ${rules.required.length} required kinds.`);
  }
  if (rules.alphabet.length === 1 && length > rules.maxConsecutive) {
    throw new PasswordRulesError('maxConsecutive', `Only "${rules.alphabet[0]}" is allowed, and at most ${rules.maxConsecutive} in a row.`);
  }
  for (let i = 0; i < ATTEMPTS; i++) {
    const password = attempt(length, rules, random);
    if (password !== null) return password;
  }
  throw new PasswordRulesError('maxConsecutive', `The rules allow too few characters to keep runs to ${rules.maxConsecutive}.`);
}
