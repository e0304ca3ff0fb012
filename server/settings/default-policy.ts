import type { PasswordPolicy } from '../../lib/contract/app-settings';

/** The policy until an administrator sets one: long enough to resist guessing, without ritual rules. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  loginPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false },
  masterPassword: { minLength: 14, requireUppercase: true, requireDigits: true, requireSpecial: false },
};
