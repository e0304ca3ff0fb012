import { describe, expect, it } from 'vitest';
import { checkPassword, tooSimilar } from './password-policy';

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
