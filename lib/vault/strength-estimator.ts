import { ZxcvbnFactory } from '@zxcvbn-ts/core';

// zxcvbn-ts for the worker's password report (password-health.ts). The worker cannot load code on
// demand (Chrome refuses import() in a service worker) and the vault page's estimator is 850 KB of
// dictionaries compiled into a chunk only pages can load; bundling a second copy would take the
// extension over its size budget and make every wake of the worker decompress them. So the worker
// holds zxcvbn's small core only, and its common dictionaries (the most used passwords, diceware
// words, keyboard layouts) are plain JSON files in the package (wxt.config.ts copies them), read on
// the first report. The English word lists stay with the page's meter: a password of common English
// words can rate one level higher here than in the entry form.

/** The files the worker reads, by zxcvbn dictionary name. */
export const COMMON_DICTIONARY_FILES = ['passwords', 'diceware', 'adjacencyGraphs'] as const;
export type DictionaryFile = (typeof COMMON_DICTIONARY_FILES)[number];

/** A password's score from 0 to 4, with the entry's own words counted as guessable. */
export type StrengthScore = (password: string, related: readonly string[]) => Promise<number>;

/** A scorer that reads the dictionaries with `load` on first use (once; a failed load is tried again next time). */
export function createStrengthEstimator(load: (file: DictionaryFile) => Promise<unknown>): StrengthScore {
  let estimator: Promise<ZxcvbnFactory> | null = null;
  async function build(): Promise<ZxcvbnFactory> {
    const [passwords, diceware, graphs] = await Promise.all(COMMON_DICTIONARY_FILES.map(load));
    return new ZxcvbnFactory({ dictionary: { 'passwords-common': passwords as string[], 'diceware-common': diceware as string[] }, graphs: graphs as Record<string, Record<string, (string | null)[]>> });
  }
  return async (password, related) => {
    estimator ??= build().catch((error: unknown) => {
      estimator = null;
      throw error;
    });
    return (await estimator).check(password, [...related]).score;
  };
}
