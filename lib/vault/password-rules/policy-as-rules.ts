import type { PasswordRules } from '../../contract/app-settings';
import type { ParsedRules } from './parse-rules';

/**
 * The organisation's policy as a rule set to merge with a page's and a site's. The policy limits
 * no characters, so it allows every one: with `allowed` left empty its required classes would be
 * all it allows.
 */
export function policyAsRules(policy: PasswordRules): ParsedRules {
  return {
    minLength: policy.minLength,
    required: [
      ...(policy.requireUppercase ? [['upper' as const]] : []),
      ...(policy.requireDigits ? [['digit' as const]] : []),
      // checkPassword counts any character but a letter or digit as special; so does `special`.
      ...(policy.requireSpecial ? [['special' as const]] : []),
    ],
    allowed: ['ascii-printable'],
  };
}
