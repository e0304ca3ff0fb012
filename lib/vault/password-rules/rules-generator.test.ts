import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PasswordRules } from '../../contract/app-settings';
import { checkPassword } from '../password-policy';
import { cryptoRandom, type RandomSource } from '../uniform-random';
import { checkAgainstRules } from './check-rules';
import { parsePasswordRules, type ParsedRules, type RuleClass } from './parse-rules';
import shipped from './password-rules-data/password-rules.json';
import { policyAsRules } from './policy-as-rules';
import { generateForRules, PasswordRulesError, type RulesProblem } from './rules-generator';
import { siteRulesFor, type PasswordRulesFile } from './site-rules';

/** A seeded source (mulberry32): the same seed, the same passwords, so a failure can be replayed. */
function seeded(seed: number): RandomSource {
  let state = seed >>> 0;
  return (values) => {
    for (let i = 0; i < values.length; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      values[i] = (t ^ (t >>> 14)) >>> 0;
    }
  };
}

const parse = parsePasswordRules;
const generate = (rules: string, options: { random?: RandomSource; preferredLength?: number } = {}) => generateForRules([parse(rules)], { random: seeded(7), ...options });
const many = (count: number, rules: ParsedRules[], random: RandomSource = seeded(11)) => Array.from({ length: count }, () => generateForRules(rules, { random }));
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof PasswordRulesError ? error.problem : error;
  }
  return 'no error';
};
/** Pearson's statistic for counts expected to be equal. */
const chiSquare = (counts: number[]) => {
  const expected = counts.reduce((sum, count) => sum + count, 0) / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
};

describe('generateForRules', () => {
  it('makes 20 printable ASCII characters, space left out, when nothing restricts it', () => {
    for (const password of many(200, [parse('')])) expect(password).toMatch(/^[!-~]{20}$/);
    expect(new Set(many(200, []).join('')).size).toBe(94);
  });

  it.each<[string, number | undefined, number]>([
    ['', undefined, 20],
    ['maxlength: 12', undefined, 12],
    ['minlength: 30', undefined, 30],
    ['minlength: 12', 8, 12],
    ['maxlength: 64', 40, 40],
    ['minlength: 4; maxlength: 4', 32, 4],
    ['', 500, 128],
    ['required: lower; required: upper; required: digit; required: special', 3, 4],
  ])('%j with a preferred length of %s gives %i characters', (rules, preferredLength, length) => {
    expect(generate(rules, preferredLength === undefined ? {} : { preferredLength })).toHaveLength(length);
  });

  it('puts a character of every required set in, and nothing that is not allowed', () => {
    const rules = parse('minlength: 8; maxlength: 8; required: [-]; required: [_]; required: digit; allowed: lower');
    for (const password of many(300, [rules])) {
      expect(checkAgainstRules(rules, password)).toEqual([]);
      expect(password).toMatch(/^[-_a-z0-9]{8}$/);
    }
  });

  it('needs no character of its own for a required set that holds another', () => {
    const rules = parse('maxlength: 2; required: lower; required: lower, upper; required: digit; required: digit');
    for (const password of many(50, [rules])) expect(checkAgainstRules(rules, password)).toEqual([]);
  });

  it('keeps runs of one character within max-consecutive, even over two characters', () => {
    expect(generate('allowed: [ab]; max-consecutive: 1')).toMatch(/^(ab){10}$|^(ba){10}$/);
    const rules = parse('minlength: 9; maxlength: 9; max-consecutive: 1; required: [a]; required: [b]');
    for (const password of many(200, [rules])) expect(checkAgainstRules(rules, password)).toEqual([]);
    const digits = parse('minlength: 40; allowed: digit; max-consecutive: 2');
    for (const password of many(200, [digits])) expect(password).not.toMatch(/(.)\1\1/);
  });

  it('leaves space out unless a required set holds nothing else', () => {
    expect(many(100, [parse('allowed: [ ab]')]).join('')).not.toContain(' ');
    expect(many(100, [parse('required: [ &]; allowed: lower')]).join('')).not.toContain(' ');
    for (const password of many(100, [parse('required: [ ]; allowed: lower')])) expect(password).toContain(' ');
  });

  it('treats unicode as printable ASCII', () => {
    for (const password of many(100, [parse('allowed: unicode')])) expect(password).toMatch(/^[!-~]{20}$/);
  });

  it('repeats itself for a repeated seed, and only then', () => {
    expect(generate('minlength: 12')).toBe(generate('minlength: 12'));
    expect(generate('minlength: 12', { random: seeded(8) })).not.toBe(generate('minlength: 12'));
  });

  it('draws each allowed character equally often', () => {
    const counts = new Map<string, number>();
    for (const char of many(20_000, [parse('maxlength: 1; allowed: digit')])) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(10);
    // 27.88 is chi-square's 99.9th percentile for 9 degrees of freedom.
    expect(chiSquare([...counts.values()])).toBeLessThan(27.88);
  });

  it('puts the required character at every position equally often', () => {
    const counts = [0, 0, 0, 0];
    for (const password of many(20_000, [parse('minlength: 4; maxlength: 4; required: [-]; allowed: lower')])) {
      [...password].forEach((char, i) => (counts[i]! += char === '-' ? 1 : 0));
    }
    // 16.27: the 99.9th percentile for 3 degrees of freedom.
    expect(chiSquare(counts)).toBeLessThan(16.27);
  });

  it.each<[string, string[], RulesProblem]>([
    ['more required sets than characters', ['maxlength: 3; required: lower; required: upper; required: digit; required: special'], 'tooManyRequiredSets'],
    ['a minimum above the maximum', ['minlength: 10', 'maxlength: 8'], 'lengthRange'],
    ['an absurd minimum from a page', ['minlength: 1000000000'], 'lengthRange'],
    ['nothing allowed by both', ['allowed: digit', 'allowed: lower'], 'noAllowedCharacters'],
    ['a required class another set forbids', ['required: upper; allowed: lower', 'allowed: lower, digit'], 'requiredNotAllowed'],
    ['one character, too many in a row', ['minlength: 5; allowed: [a]; max-consecutive: 2'], 'maxConsecutive'],
  ])('refuses %s', (_, texts, problem) => {
    expect(problemOf(() => generateForRules(texts.map(parse), { random: seeded(1) }))).toBe(problem);
  });

  it('refuses a preferred length that is not a positive whole number', () => {
    expect(problemOf(() => generate('', { preferredLength: 0 }))).toBe('lengthRange');
    expect(problemOf(() => generate('', { preferredLength: 2.5 }))).toBe('lengthRange');
  });

  it('meets every rule set it is given, or says why it cannot, for any rules', () => {
    const ruleClass: fc.Arbitrary<RuleClass> = fc.oneof(
      fc.constantFrom<RuleClass>('upper', 'lower', 'digit', 'special', 'ascii-printable', 'unicode'),
      fc.constantFrom('a', 'ab', '-', ' ', '0-', 'xyz', ']').map((custom) => ({ custom })),
    );
    const ruleSet: fc.Arbitrary<ParsedRules> = fc.record(
      {
        minLength: fc.integer({ min: 1, max: 24 }),
        maxLength: fc.integer({ min: 4, max: 64 }),
        maxConsecutive: fc.integer({ min: 1, max: 4 }),
        required: fc.array(fc.array(ruleClass, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        allowed: fc.array(ruleClass, { maxLength: 3 }),
      },
      { requiredKeys: ['required', 'allowed'] },
    );
    fc.assert(
      fc.property(fc.array(ruleSet, { maxLength: 3 }), fc.integer(), (ruleSets, seed) => {
        let password: string;
        try {
          password = generateForRules(ruleSets, { random: seeded(seed) });
        } catch (error) {
          expect(error).toBeInstanceOf(PasswordRulesError);
          if ((error as PasswordRulesError).problem === 'lengthRange') {
            const longest = Math.max(...ruleSets.map((rules) => rules.minLength ?? 0));
            expect(ruleSets.some((rules) => (rules.maxLength ?? Infinity) < longest)).toBe(true);
          }
          return;
        }
        for (const rules of ruleSets) expect(checkAgainstRules(rules, password)).toEqual([]);
      }),
      { seed: 404, numRuns: 3000 },
    );
  });
});

describe('every entry of password-rules.json', () => {
  const entries = Object.entries(shipped as PasswordRulesFile);

  it('gets 40 passwords that meet its rules (20 from a seeded source, 20 from the CSPRNG), none unsatisfiable', () => {
    const unsatisfiable: string[] = [];
    entries.forEach(([key, entry], index) => {
      const rules = parse(entry['password-rules']);
      const length = Math.min(Math.max(20, rules.minLength ?? 0), rules.maxLength ?? Infinity);
      try {
        for (const random of [seeded(index), cryptoRandom]) {
          for (let i = 0; i < 20; i++) {
            const password = generateForRules([rules], { random });
            expect({ key, password, violations: checkAgainstRules(rules, password) }).toEqual({ key, password, violations: [] });
            expect({ key, length: password.length }).toEqual({ key, length });
          }
        }
      } catch (error) {
        if (!(error instanceof PasswordRulesError)) throw error;
        unsatisfiable.push(`${key}: ${error.problem}: ${error.message}`);
      }
    });
    expect(entries.length).toBeGreaterThan(400);
    expect(unsatisfiable).toEqual([]);
    // 17,000 checked passwords: seconds of work on a busy machine, and a correctness check, not a speed one.
  }, 60_000);
});

describe('a page’s attribute, the site’s rules and the organisation’s policy together', () => {
  const policy: PasswordRules = { minLength: 14, requireUppercase: false, requireDigits: true, requireSpecial: false };
  // ae.com: 8 to 25 characters with a lower-case letter, a capital and a digit, nothing else.
  const site = siteRulesFor('www.ae.com')!.rules;

  it('meets all three', () => {
    const attribute = parse('minlength: 10; maxlength: 18; max-consecutive: 2; required: upper; allowed: lower, digit');
    for (const password of many(300, [attribute, site, policyAsRules(policy)])) {
      expect(password).toHaveLength(18);
      expect(checkAgainstRules(attribute, password)).toEqual([]);
      expect(checkAgainstRules(site, password)).toEqual([]);
      expect(checkPassword(policy, password)).toEqual([]);
    }
  });

  it('takes the policy’s minimum over a site’s shorter preference', () => {
    const password = generateForRules([site, policyAsRules({ ...policy, minLength: 24 })], { random: seeded(3), preferredLength: 16 });
    expect(password).toHaveLength(24);
  });

  it('says which rule cannot be met', () => {
    expect(problemOf(() => generateForRules([site, policyAsRules({ ...policy, requireSpecial: true })]))).toBe('requiredNotAllowed');
    expect(problemOf(() => generateForRules([siteRulesFor('airfrance.com')!.rules, policyAsRules(policy)]))).toBe('lengthRange');
  });

  it('with a strict policy, every shipped entry either meets both or fails with a reason', () => {
    const strict = policyAsRules({ minLength: 12, requireUppercase: true, requireDigits: true, requireSpecial: true });
    const problems = new Set<unknown>();
    for (const entry of Object.values(shipped as PasswordRulesFile)) {
      const rules = parse(entry['password-rules']);
      try {
        const password = generateForRules([rules, strict], { random: seeded(5) });
        expect([...checkAgainstRules(rules, password), ...checkAgainstRules(strict, password)]).toEqual([]);
      } catch (error) {
        problems.add(error instanceof PasswordRulesError ? error.problem : error);
      }
    }
    // Sites capped below 12 characters, and sites that allow no special character.
    expect([...problems].sort()).toEqual(['lengthRange', 'requiredNotAllowed']);
  });
});
