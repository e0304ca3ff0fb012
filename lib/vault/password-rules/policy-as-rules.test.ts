import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../password-policy';
import { checkAgainstRules } from './check-rules';
import { policyAsRules } from './policy-as-rules';
import { generateForRules } from './rules-generator';

describe('policyAsRules', () => {
  it.each([
    [{ minLength: 8, requireUppercase: false, requireDigits: false, requireSpecial: false }, { minLength: 8, required: [], allowed: ['ascii-printable'] }],
    [{ minLength: 16, requireUppercase: true, requireDigits: true, requireSpecial: true }, { minLength: 16, required: [['upper'], ['digit'], ['special']], allowed: ['ascii-printable'] }],
    [{ minLength: 12, requireUppercase: false, requireDigits: true, requireSpecial: false }, { minLength: 12, required: [['digit']], allowed: ['ascii-printable'] }],
  ])('%j → %j', (policy, rules) => {
    expect(policyAsRules(policy)).toEqual(rules);
  });

  it('gives passwords the policy accepts, for any policy', () => {
    const policy = fc.record({ minLength: fc.integer({ min: 8, max: 128 }), requireUppercase: fc.boolean(), requireDigits: fc.boolean(), requireSpecial: fc.boolean() });
    fc.assert(
      fc.property(policy, (rules) => {
        const password = generateForRules([policyAsRules(rules)]);
        expect(checkPassword(rules, password)).toEqual([]);
        expect(checkAgainstRules(policyAsRules(rules), password)).toEqual([]);
        expect(password).toHaveLength(Math.max(20, rules.minLength));
      }),
      { seed: 707, numRuns: 300 },
    );
  });
});
