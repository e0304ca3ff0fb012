import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

// zxcvbn-ts with its common and English dictionaries (about 850 KB gzipped): loaded with import()
// (lazy-zxcvbn.ts) by the vault page's entry form and entry details only, never by the popup
// (issue #7). Only the score is used; its feedback sentences are English-only, so the page shows
// its own words for the level.

const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...english.dictionary }, graphs: common.adjacencyGraphs, translations: english.translations });

/** zxcvbn's score for `password`, from 0 (too guessable) to 4 (very unguessable); `related` (name, login, site) count as guessable words. */
export async function zxcvbnScore(password: string, related: readonly string[]): Promise<number> {
  return (await estimator.check(password, [...related])).score;
}
