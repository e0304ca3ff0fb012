import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePassword, type PasswordOptions } from './generator';
import { checkPassword, generatorOptionsForPolicy, tooSimilar } from './password-policy';

const strict = { minLength: 12, requireUppercase: true, requireDigits: true, requireSpecial: true };

describe('password policy', () => {
  it.each([
    ['Correct-horse-42', []],
    ['short', ['minLength', 'requireUppercase', 'requireDigits', 'requireSpecial']],
    ['correct-horse-42', ['requireUppercase']],
    ['Correct-horse-xx', ['requireDigits']],
    ['Correcthorse42x', ['requireSpecial']],
    ['Ünïcode€Pass1234', []],
    ['🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑A1', []],
  ])('%j breaks %j', (password, expected) => {
    expect(checkPassword(strict, password)).toEqual(expected);
  });

  it('counts code points, so eleven emoji are eleven characters', () => {
    expect(checkPassword({ ...strict, minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false }, '🔑'.repeat(11))).toEqual(['minLength']);
  });
});

describe('generator options for a policy', () => {
  const lowerOnly: PasswordOptions = { length: 4, classes: { lower: true, upper: false, digits: false, symbols: false }, avoidAmbiguous: true };

  it('raises the length to the minimum and switches on the required classes', () => {
    expect(generatorOptionsForPolicy(strict, lowerOnly)).toEqual({ length: 12, classes: { lower: true, upper: true, digits: true, symbols: true }, avoidAmbiguous: true });
  });

  it('keeps a longer length and the classes the user chose beyond the policy', () => {
    const relaxed = { minLength: 8, requireUppercase: false, requireDigits: false, requireSpecial: false };
    const chosen: PasswordOptions = { length: 40, classes: { lower: false, upper: true, digits: false, symbols: true }, avoidAmbiguous: false };
    expect(generatorOptionsForPolicy(relaxed, chosen)).toEqual(chosen);
  });

  it('makes passwords that meet any policy, whatever the user chose', () => {
    const rules = fc.record({ minLength: fc.integer({ min: 8, max: 128 }), requireUppercase: fc.boolean(), requireDigits: fc.boolean(), requireSpecial: fc.boolean() });
    const classes = fc.record({ lower: fc.boolean(), upper: fc.boolean(), digits: fc.boolean(), symbols: fc.boolean() }).filter((chosen) => Object.values(chosen).some(Boolean));
    const options = fc.record({ length: fc.integer({ min: 4, max: 128 }), classes, avoidAmbiguous: fc.boolean() });
    fc.assert(
      fc.property(rules, options, (policy, chosen) => {
        expect(checkPassword(policy, generatePassword(generatorOptionsForPolicy(policy, chosen)))).toEqual([]);
      }),
      { seed: 2016, numRuns: 500 },
    );
  });
});

describe('login password close to the master password', () => {
  it.each([
    ['Correct horse battery staple', 'correct horse battery staple', true],
    ['correcthorsebatterystaple1', 'correct horse battery staple', true],
    ['correct horse battery', 'correct horse battery staple', true],
    ['corect horse batery staple', 'correct horse battery staple', true],
    ['Tr0ub4dor&3-login', 'correct horse battery staple', false],
    ['a completely different one', 'correct horse battery staple', false],
  ])('%j vs %j → %s', (login, master, expected) => {
    expect(tooSimilar(login, master)).toBe(expected);
  });
});
