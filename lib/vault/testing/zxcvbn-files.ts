import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { COMMON_DICTIONARY_FILES, dictionaryPath, type DictionaryFile } from '../strength-estimator';
import { effLargeWordlist } from '../wordlist';

// Tests read the extension's word files from where the build takes them (wxt.config.ts): zxcvbn's
// common dictionaries from its package, and the EFF large wordlist (zxcvbn's "diceware") from ours.

const folder = join(dirname(createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common')), '../src');

/** One dictionary file's JSON, as the extension serves it. */
export async function readDictionary(file: DictionaryFile): Promise<unknown> {
  if (file === 'diceware') return [...effLargeWordlist];
  return JSON.parse(await readFile(join(folder, `${file}.json`), 'utf8'));
}

/** A `fetch` that serves the dictionary files (the word list among them) at their extension paths and refuses anything else. */
export async function dictionaryFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(String(input), 'https://extension.invalid').pathname;
  const file = COMMON_DICTIONARY_FILES.find((candidate) => dictionaryPath(candidate) === path);
  if (!file) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(await readDictionary(file)), { headers: { 'content-type': 'application/json' } });
}
