import type { NamedClass, ParsedRules, RuleClass } from './parse-rules';

// A checker written apart from the generator, from the language's definitions alone, so the tests
// of the generator do not grade its work with its own tables.

/** A rule a password breaks, with what was found. */
export interface RulesViolation {
  rule: 'minlength' | 'maxlength' | 'max-consecutive' | 'required' | 'allowed';
  detail: string;
}

const CLASS_TESTS: Record<NamedClass, (char: string) => boolean> = {
  upper: (char) => /^[A-Z]$/.test(char),
  lower: (char) => /^[a-z]$/.test(char),
  digit: (char) => /^[0-9]$/.test(char),
  // ASCII punctuation and the space: printable ASCII that is neither letter nor digit.
  special: (char) => /^[ -/:-@[-`{-~]$/.test(char),
  'ascii-printable': (char) => /^[ -~]$/.test(char),
  unicode: () => true,
};

const inClass = (char: string, ruleClass: RuleClass) => (typeof ruleClass === 'string' ? CLASS_TESTS[ruleClass](char) : ruleClass.custom.includes(char));
const inAny = (char: string, classes: readonly RuleClass[]) => classes.some((ruleClass) => inClass(char, ruleClass));
const named = (classes: readonly RuleClass[]) => classes.map((ruleClass) => (typeof ruleClass === 'string' ? ruleClass : `[${ruleClass.custom}]`)).join(', ');

function longestRun(chars: readonly string[]): { char: string; length: number } {
  let longest = { char: '', length: 0 };
  let length = 0;
  chars.forEach((char, i) => {
    length = char === chars[i - 1] ? length + 1 : 1;
    if (length > longest.length) longest = { char, length };
  });
  return longest;
}

/** The rules of `rules` that `password` breaks (empty when it meets them all). Lengths count code points. */
export function checkAgainstRules(rules: ParsedRules, password: string): RulesViolation[] {
  const chars = [...password];
  const violations: RulesViolation[] = [];
  if (rules.minLength !== undefined && chars.length < rules.minLength) violations.push({ rule: 'minlength', detail: `${chars.length} < ${rules.minLength}` });
  if (rules.maxLength !== undefined && chars.length > rules.maxLength) violations.push({ rule: 'maxlength', detail: `${chars.length} > ${rules.maxLength}` });
  const run = longestRun(chars);
  if (rules.maxConsecutive !== undefined && run.length > rules.maxConsecutive) {
    violations.push({ rule: 'max-consecutive', detail: `${run.length} × "${run.char}" > ${rules.maxConsecutive}` });
  }
  for (const classes of rules.required) {
    if (!chars.some((char) => inAny(char, classes))) violations.push({ rule: 'required', detail: `none of ${named(classes)}` });
  }
  // As documented: allowed and required characters are permitted; when neither is given, all printable ASCII.
  const permitted = [...rules.allowed, ...rules.required.flat()];
  const refused = chars.filter((char) => !inAny(char, permitted.length > 0 ? permitted : ['ascii-printable']));
  if (refused.length > 0) violations.push({ rule: 'allowed', detail: `not allowed: ${JSON.stringify([...new Set(refused)].join(''))}` });
  return violations;
}
