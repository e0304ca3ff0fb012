import type { PassphraseOptions } from '../../lib/vault/passphrase';
import { WORDLIST_FILE } from '../../lib/vault/wordlist-file';

/** What passphrase mode needs, loaded on demand. */
export interface PassphraseGenerator {
  generate(options: PassphraseOptions): string;
  entropyBits(options: PassphraseOptions): number;
  defaults: Readonly<PassphraseOptions>;
  limits: Readonly<{ min: number; max: number }>;
  /** Letters in the list's shortest word, to size a passphrase for a minimum length. */
  shortestWord: number;
}

/** The EFF large wordlist as the extension serves it; refuses anything that is not 7,776 distinct words. */
async function fetchWordlist(): Promise<readonly string[]> {
  const response = await fetch(WORDLIST_FILE);
  if (!response.ok) throw new Error(`The word list could not be loaded (${response.status}).`);
  const words: unknown = await response.json();
  if (!Array.isArray(words) || words.length !== 7_776 || new Set(words).size !== 7_776 || !words.every((word) => typeof word === 'string')) throw new Error('The word list is not the EFF large wordlist.');
  return Object.freeze(words as string[]);
}

/**
 * Loads the passphrase generator and its 7,776-word list (about 25 KB gzipped, a file the
 * strength estimator reads too) the first time passphrase mode is chosen: most people never
 * choose it, so the popup's first paint does not carry it.
 */
export async function loadPassphraseGenerator(): Promise<PassphraseGenerator> {
  const [passphrase, wordlist] = await Promise.all([import('../../lib/vault/passphrase'), fetchWordlist()]);
  return {
    generate: (options) => passphrase.generatePassphrase(wordlist, options),
    entropyBits: (options) => passphrase.passphraseEntropyBits(wordlist, options),
    defaults: passphrase.DEFAULT_PASSPHRASE_OPTIONS,
    limits: passphrase.PASSPHRASE_WORDS,
    shortestWord: wordlist.reduce((shortest, word) => Math.min(shortest, word.length), Infinity),
  };
}
