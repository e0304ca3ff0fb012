import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DICTIONARY_PATH, type DictionaryFile } from '../strength-estimator';

// Tests read zxcvbn's common dictionaries from the package, where the extension build copies them from (wxt.config.ts).

const folder = join(dirname(createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common')), '../src');

/** One dictionary file's JSON, as the extension serves it. */
export async function readDictionary(file: DictionaryFile): Promise<unknown> {
  return JSON.parse(await readFile(join(folder, `${file}.json`), 'utf8'));
}

/** A `fetch` that serves the dictionary files at their extension paths and refuses anything else. */
export async function dictionaryFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(String(input), 'https://extension.invalid').pathname;
  const file = path.startsWith(DICTIONARY_PATH) ? path.slice(DICTIONARY_PATH.length).replace(/\.json$/, '') : null;
  if (file !== 'passwords' && file !== 'diceware' && file !== 'adjacencyGraphs') return new Response(null, { status: 404 });
  return new Response(JSON.stringify(await readDictionary(file)), { headers: { 'content-type': 'application/json' } });
}
