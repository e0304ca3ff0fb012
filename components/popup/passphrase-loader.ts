import type { PassphraseOptions } from '../../lib/vault/passphrase';

/** What passphrase mode needs, loaded on demand. */
export interface PassphraseGenerator {
  generate(options: PassphraseOptions): string;
  entropyBits(options: PassphraseOptions): number;
  defaults: Readonly<PassphraseOptions>;
  limits: Readonly<{ min: number; max: number }>;
  /** Letters in the list's shortest word, to size a passphrase for a minimum length. */
  shortestWord: number;
}

/**
 * Loads the passphrase generator and its 7,776-word list (about 30 KB gzipped) the first time
 * passphrase mode is chosen: most people never choose it, so the popup's first paint does not carry it.
 */
export async function loadPassphraseGenerator(): Promise<PassphraseGenerator> {
  const [passphrase, wordlist] = await Promise.all([import('../../lib/vault/passphrase'), import('../../lib/vault/wordlist')]);
  return {
    generate: (options) => passphrase.generatePassphrase(options),
    entropyBits: (options) => passphrase.passphraseEntropyBits(options),
    defaults: passphrase.DEFAULT_PASSPHRASE_OPTIONS,
    limits: passphrase.PASSPHRASE_WORDS,
    shortestWord: wordlist.effLargeWordlist.reduce((shortest, word) => Math.min(shortest, word.length), Infinity),
  };
}
