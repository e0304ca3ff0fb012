import { describe, expect, it } from 'vitest';
import { GeneratorOptionsError } from './generator';
import { generatePassphrase, passphraseEntropyBits, type PassphraseOptions } from './passphrase';
import type { RandomSource } from './uniform-random';
import { effLargeWordlist } from './wordlist';

/** Every draw returns `value`: value 0 picks the first word, 7,775 the last. */
const always = (value: number): RandomSource => (values) => values.fill(value);
const problemOf = (options: Partial<PassphraseOptions>) => {
  try {
    generatePassphrase(effLargeWordlist, options);
  } catch (error) {
    return error instanceof GeneratorOptionsError ? error.problem : error;
  }
  return 'no error';
};

describe('generatePassphrase', () => {
  it('makes five lower-case words joined by hyphens by default', () => {
    expect(generatePassphrase(effLargeWordlist, {}, always(0))).toBe('abacus-abacus-abacus-abacus-abacus');
    expect(generatePassphrase(effLargeWordlist)).toMatch(/^[a-z-]+$/);
  });

  it('makes a different passphrase each time', () => {
    expect(generatePassphrase(effLargeWordlist)).not.toBe(generatePassphrase(effLargeWordlist));
  });

  it('can pick the last word of the list as well as the first', () => {
    expect(generatePassphrase(effLargeWordlist, { words: 3 }, always(7_775))).toBe('zoom-zoom-zoom');
  });

  it.each([3, 7, 20])('makes %i words, each from the list', (count) => {
    const words = generatePassphrase(effLargeWordlist, { words: count, separator: ' ' }).split(' ');
    expect(words).toHaveLength(count);
    expect(words.filter((word) => !effLargeWordlist.includes(word))).toEqual([]);
  });

  it.each([
    [' ', 'abacus abacus abacus'],
    ['', 'abacusabacusabacus'],
    ['.', 'abacus.abacus.abacus'],
  ])('joins the words with %j', (separator, expected) => {
    expect(generatePassphrase(effLargeWordlist, { words: 3, separator }, always(0))).toBe(expected);
  });

  it('capitalises every word when asked', () => {
    expect(generatePassphrase(effLargeWordlist, { words: 3, capitalise: true }, always(0))).toBe('Abacus-Abacus-Abacus');
    expect(generatePassphrase(effLargeWordlist, { words: 4, capitalise: true, separator: ' ' }).split(' ').every((word) => /^[A-Z][a-z-]+$/.test(word))).toBe(true);
  });

  it('adds exactly one digit, at the end of one word, when asked', () => {
    const passphrase = generatePassphrase(effLargeWordlist, { words: 6, separator: ' ', includeNumber: true });
    expect(passphrase.match(/\d/g)).toHaveLength(1);
    expect(passphrase).toMatch(/^([a-z-]+ )*[a-z-]+\d( [a-z-]+)*$/);
    expect(generatePassphrase(effLargeWordlist, { words: 4 })).not.toMatch(/\d/);
  });

  it('puts the digit on any word, including the last', () => {
    // The words take draws 0…3; then 3 chooses the fourth word and 3 % 10 the digit.
    expect(generatePassphrase(effLargeWordlist, { words: 4, includeNumber: true }, always(3))).toBe('abide-abide-abide-abide3');
  });

  it.each([2, 21, 4.5, Number.NaN])('refuses %s words', (words) => {
    expect(problemOf({ words })).toBe('wordCountOutOfRange');
    expect(() => passphraseEntropyBits(effLargeWordlist, { words })).toThrow(GeneratorOptionsError);
  });
});

describe('passphraseEntropyBits', () => {
  it('gives about 12.9 bits a word, so five words are about 64.6 bits', () => {
    expect(passphraseEntropyBits(effLargeWordlist)).toBeCloseTo(5 * Math.log2(7_776), 9);
    expect(passphraseEntropyBits(effLargeWordlist, { words: 8 })).toBeCloseTo(103.4, 1);
  });

  it('counts the digit and the word it sits on, and nothing for capitals or separators', () => {
    expect(passphraseEntropyBits(effLargeWordlist, { words: 5, includeNumber: true })).toBeCloseTo(5 * Math.log2(7_776) + Math.log2(50), 9);
    expect(passphraseEntropyBits(effLargeWordlist, { words: 5, capitalise: true, separator: '' })).toBeCloseTo(passphraseEntropyBits(effLargeWordlist, { words: 5 }), 9);
  });
});
