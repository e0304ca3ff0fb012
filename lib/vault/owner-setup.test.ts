import { describe, expect, it } from 'vitest';
import { checkPasswordChoice, PasswordChoiceError } from './owner-setup';

const policy = {
  loginPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false },
  masterPassword: { minLength: 14, requireUppercase: true, requireDigits: true, requireSpecial: false },
};

describe('choosing the two passwords', () => {
  it('accepts a policy-abiding master password and a different login password', () => {
    expect(() => checkPasswordChoice(policy, 'tabby cat on the mat', 'Correct Horse Battery 42')).not.toThrow();
  });

  it.each([
    ['a master password that breaks its policy', 'tabby cat on the mat', 'correct horse battery', 'masterPassword'],
    ['a login password that breaks its policy', 'short', 'Correct Horse Battery 42', 'loginPassword'],
    ['a login password that is the master password', 'Correct Horse Battery 42', 'Correct Horse Battery 42', 'loginPassword'],
    ['a login password close to the master password', 'correct horse battery 43', 'Correct Horse Battery 42', 'loginPassword'],
  ])('refuses %s', (_what, login, master, which) => {
    expect(() => checkPasswordChoice(policy, login, master)).toThrow(PasswordChoiceError);
    try {
      checkPasswordChoice(policy, login, master);
    } catch (error) {
      expect((error as PasswordChoiceError).which).toBe(which);
    }
  });
});
