import { describe, expect, it } from 'vitest';
import type { PasswordRules } from '../../lib/contract/app-settings';
import type { PassphraseOptions } from '../../lib/vault/passphrase';
import { passphraseOptionsForPolicy } from './passphrase-policy';

const LAX: PasswordRules = { minLength: 8, requireUppercase: false, requireDigits: false, requireSpecial: false };
const FIVE_WORDS: PassphraseOptions = { words: 5, separator: '-', capitalise: false, includeNumber: false };

describe('passphrase options for a policy', () => {
  it.each<[string, Partial<PasswordRules>, Partial<PassphraseOptions>, Partial<PassphraseOptions>]>([
    ['leaves lax rules alone', {}, {}, FIVE_WORDS],
    ['capitalises for an upper-case rule', { requireUppercase: true }, {}, { capitalise: true }],
    ['adds the number for a digit rule', { requireDigits: true }, {}, { includeNumber: true }],
    ['replaces a separator that is no symbol', { requireSpecial: true }, { separator: 'x' }, { separator: '-' }],
    ['replaces an empty separator', { requireSpecial: true }, { separator: '' }, { separator: '-' }],
    ['keeps a symbol separator', { requireSpecial: true }, { separator: '.' }, { separator: '.' }],
    // 3-letter words: 7 words and 6 hyphens make 27 characters, 8 make 31.
    ['adds words until the shortest passphrase is long enough', { minLength: 30 }, {}, { words: 8 }],
    ['never passes the word limit', { minLength: 128 }, {}, { words: 20 }],
  ])('%s', (_, rules, options, expected) => {
    expect(passphraseOptionsForPolicy({ ...LAX, ...rules }, { ...FIVE_WORDS, ...options }, 3, 20)).toMatchObject(expected);
  });
});
