import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { WORDLIST_FILE } from './wordlist-file';

// zxcvbn-ts for the worker's password report (password-health.ts) and the vault page's meter. The
// worker cannot load code on demand (Chrome refuses import() in a service worker), and a second
// copy of the page's dictionaries in the worker's bundle would take the extension over its size
// budget and make every wake of the worker decompress them. So zxcvbn's common dictionaries (the
// most used passwords, diceware words, keyboard layouts) are plain JSON files of the package that
// the build copies into the extension (wxt.config.ts), read by both on first use; the page adds
// the English word lists from its own lazily loaded chunk (components/vault/zxcvbn-strength.ts),
// which the worker goes without: a password of common English words (not among the common
// passwords) can rate a level higher in the report than in the entry form.

/** The dictionary files, served at DICTIONARY_PATH + name + ".json"; "diceware" is the passphrase generator's EFF list. */
export const COMMON_DICTIONARY_FILES = ['passwords', 'diceware', 'adjacencyGraphs'] as const;
export type DictionaryFile = (typeof COMMON_DICTIONARY_FILES)[number];
export const DICTIONARY_PATH = '/zxcvbn/';

/** Where the extension serves a dictionary file, from its root. */
export const dictionaryPath = (file: DictionaryFile) => (file === 'diceware' ? WORDLIST_FILE : `${DICTIONARY_PATH}${file}.json`);

/** A password's score from 0 to 4, with the entry's own words counted as guessable. */
export type StrengthScore = (password: string, related: readonly string[]) => Promise<number>;

/**
 * A scorer that reads the common dictionaries with `load` on first use (once; a failed load is
 * tried again next time), with `more` dictionaries beside them.
 */
export function createStrengthEstimator(load: (file: DictionaryFile) => Promise<unknown>, more: Record<string, (string | number)[]> = {}): StrengthScore {
  let estimator: Promise<ZxcvbnFactory> | null = null;
  async function build(): Promise<ZxcvbnFactory> {
    const [passwords, diceware, graphs] = await Promise.all(COMMON_DICTIONARY_FILES.map(load));
    const dictionary = { 'passwords-common': passwords as string[], 'diceware-common': diceware as string[], ...more };
    // At most 4 l33t substitutions tried per word ("P@55w0rd" has 4): zxcvbn's default tries up to
    // 100, which makes a random 32-character password cost 23 ms instead of 3 and changes no score
    // of a real l33t password we tried.
    return new ZxcvbnFactory({ dictionary, graphs: graphs as Record<string, Record<string, (string | null)[]>>, l33tMaxSubstitutions: 4 });
  }
  return async (password, related) => {
    estimator ??= build().catch((error: unknown) => {
      estimator = null;
      throw error;
    });
    return (await estimator).check(password, [...related]).score;
  };
}
