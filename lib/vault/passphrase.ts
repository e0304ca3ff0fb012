import { GeneratorOptionsError } from './generator';
import { cryptoRandom, pickOne, randomBelow, type RandomSource } from './uniform-random';

/** How to generate a passphrase of random words. */
export interface PassphraseOptions {
  words: number;
  separator: string;
  /** Start every word with a capital letter (satisfies "an upper-case letter" rules; adds no entropy). */
  capitalise: boolean;
  /** Append one random digit to one random word. */
  includeNumber: boolean;
}

/** The word counts the generator accepts, and the one it uses unless told otherwise. */
export const PASSPHRASE_WORDS = Object.freeze({ min: 3, max: 20, default: 5 });

/** Five lower-case words joined by hyphens. */
export const DEFAULT_PASSPHRASE_OPTIONS: Readonly<PassphraseOptions> = Object.freeze({
  words: PASSPHRASE_WORDS.default,
  separator: '-',
  capitalise: false,
  includeNumber: false,
});

function resolved(options: Partial<PassphraseOptions>): PassphraseOptions {
  const full = { ...DEFAULT_PASSPHRASE_OPTIONS, ...options };
  if (!Number.isInteger(full.words) || full.words < PASSPHRASE_WORDS.min || full.words > PASSPHRASE_WORDS.max) {
    throw new GeneratorOptionsError('wordCountOutOfRange', `The number of words must be a whole number from ${PASSPHRASE_WORDS.min} to ${PASSPHRASE_WORDS.max}.`);
  }
  return full;
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A passphrase of words drawn independently from `wordlist` (the EFF large wordlist: the popup
 * fetches it, lib/vault/wordlist.ts has it for Node); throws GeneratorOptionsError.
 */
export function generatePassphrase(wordlist: readonly string[], options: Partial<PassphraseOptions> = {}, random: RandomSource = cryptoRandom): string {
  const { words, separator, capitalise, includeNumber } = resolved(options);
  // Drawn with replacement, as with dice: every word adds the full log2(7,776) bits.
  const chosen = Array.from({ length: words }, () => pickOne(wordlist, random)).map((word) => (capitalise ? capitalised(word) : word));
  if (includeNumber) chosen[randomBelow(words, random)] += String(randomBelow(10, random));
  return chosen.join(separator);
}

/** Entropy in bits of a passphrase drawn from `wordlist` with `options`; throws GeneratorOptionsError. */
export function passphraseEntropyBits(wordlist: readonly string[], options: Partial<PassphraseOptions> = {}): number {
  const { words, includeNumber } = resolved(options);
  // The digit is one of 10, on one of `words` words; capitals and separators are fixed, so add nothing.
  return words * Math.log2(wordlist.length) + (includeNumber ? Math.log2(10 * words) : 0);
}
