import type { PasswordRules } from '../../lib/contract/app-settings';
import type { PassphraseOptions } from '../../lib/vault/passphrase';

const SYMBOL = /[^\p{L}\p{Nd}]/u;

/**
 * `options` changed only as far as needed for every passphrase they produce to pass the policy:
 * capitals for "an upper-case letter", the number for "a digit", a hyphen when the separator is no
 * symbol, and enough words that even the shortest ones reach the minimum length.
 */
export function passphraseOptionsForPolicy(rules: PasswordRules, options: PassphraseOptions, shortestWord: number, maxWords: number): PassphraseOptions {
  const separator = rules.requireSpecial && !SYMBOL.test(options.separator) ? '-' : options.separator;
  const includeNumber = options.includeNumber || rules.requireDigits;
  const shortest = (words: number) => words * shortestWord + (words - 1) * [...separator].length + (includeNumber ? 1 : 0);
  let words = options.words;
  while (words < maxWords && shortest(words) < rules.minLength) words++;
  return { ...options, words, separator, includeNumber, capitalise: options.capitalise || rules.requireUppercase };
}
