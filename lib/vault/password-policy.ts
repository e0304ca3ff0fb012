import type { PasswordRules } from '../contract/app-settings';
import type { PasswordOptions } from './generator';

/** A rule of the policy a password does not meet. */
export type PolicyViolation = 'minLength' | 'requireUppercase' | 'requireDigits' | 'requireSpecial';

/** The rules `password` breaks (empty when it complies). Length counts code points, not UTF-16 units. */
export function checkPassword(rules: PasswordRules, password: string): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if ([...password].length < rules.minLength) violations.push('minLength');
  if (rules.requireUppercase && !/\p{Lu}/u.test(password)) violations.push('requireUppercase');
  if (rules.requireDigits && !/\p{Nd}/u.test(password)) violations.push('requireDigits');
  if (rules.requireSpecial && !/[^\p{L}\p{Nd}]/u.test(password)) violations.push('requireSpecial');
  return violations;
}

/**
 * `options` changed only as far as needed for every generated password to pass `checkPassword(rules, …)`:
 * the length raised to the minimum, the required classes switched on. Nothing the user chose is taken away.
 */
export function generatorOptionsForPolicy(rules: PasswordRules, options: PasswordOptions): PasswordOptions {
  return {
    ...options,
    length: Math.max(options.length, rules.minLength),
    classes: {
      ...options.classes,
      upper: options.classes.upper || rules.requireUppercase,
      digits: options.classes.digits || rules.requireDigits,
      symbols: options.classes.symbols || rules.requireSpecial,
    },
  };
}

function normalised(password: string): string {
  return password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * True when the login password is the master password or close to it (case, spacing, a few edits,
 * or one containing the other). The login password reaches the server; a close master password
 * would hand an attacker who sees it most of the way to the vault.
 */
export function tooSimilar(loginPassword: string, masterPassword: string): boolean {
  const a = normalised(loginPassword);
  const b = normalised(masterPassword);
  if (a === b || (Math.min(a.length, b.length) >= 6 && (a.includes(b) || b.includes(a)))) return true;
  return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 5));
}
