import * as english from '@zxcvbn-ts/language-en';
import { createStrengthEstimator, dictionaryPath } from '../../lib/vault/strength-estimator';

// zxcvbn-ts with its common and English dictionaries: loaded with import() (lazy-zxcvbn.ts) by the
// vault page's entry form and entry details only, never by the popup (issue #7). The English word
// lists (about 600 KB gzipped) are in this chunk; the common ones are files of the extension that
// the worker's password report reads too (lib/vault/strength-estimator.ts). Only the score is
// used; zxcvbn's feedback sentences are English-only, so the page shows its own words for the level.

/** zxcvbn's score for `password`, from 0 (too guessable) to 4 (very unguessable); `related` (name, login, site) count as guessable words. */
export const zxcvbnScore = createStrengthEstimator(async (file) => (await fetch(dictionaryPath(file))).json(), english.dictionary);
