import type { UrlMatch } from '../crypto/entry-integrity';
import { CacheCorruptError } from './errors';
import { foldEntry } from './folded-entry';
import { IndexBlock, ROW_FAVOURITE, ROW_TRASHED, rowLayout } from './index-block';
import type { IndexEntry } from './index-entry';

// How an index chunk is written (docs/offline-cache.md, "Index chunks"). Two parts, split at the
// first newline (JSON.stringify never writes a raw one):
//   {"v":2,"text":"<folded hays, newline-joined>","rows":[hay length, name end, login end, URL end, flags, tuple length, …]}
//   [<entry tuple>,<entry tuple>,…]
// The first part is what search needs, ready-made: unlock parses one string and a list of numbers
// per chunk instead of folding and allocating per entry. The second holds the entries, one JSON
// array each, fields by position; a row is parsed from its own slice when someone looks at it.
// Version 1 chunks (the tuple list alone) are still read.

/** [id, vaultId, folderId, revision, name, login, [url, match, url, match, …], tags, flags, colour, updatedAt, deletedAt] */
export type EntryTuple = [string, string, string | null, number, string, string, string[], string[], number, string | null, number, number | null];

const FAVOURITE = 1;
const HAS_TOTP = 2;
const HAS_PASSWORD = 4;

const FORMAT_VERSION = 2;
/** Numbers per row in the first part's "rows". */
const ROW_STRIDE = 6;

/** An entry as a chunk stores it. */
export function entryToTuple(entry: IndexEntry): EntryTuple {
  const urls = entry.urls.flatMap((url) => [url.url, url.match]);
  const flags = (entry.favourite ? FAVOURITE : 0) | (entry.hasTotp ? HAS_TOTP : 0) | (entry.hasPassword ? HAS_PASSWORD : 0);
  return [entry.id, entry.vaultId, entry.folderId, entry.revision, entry.name, entry.login, urls, entry.tags, flags, entry.colour, entry.updatedAt, entry.deletedAt];
}

function urlsOf(flat: string[]): IndexEntry['urls'] {
  const urls: IndexEntry['urls'] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) urls.push({ url: flat[i]!, match: flat[i + 1] as UrlMatch });
  return urls;
}

/** The entry a chunk stored; throws CacheCorruptError for a row this code did not write. */
export function entryFromTuple(tuple: unknown): IndexEntry {
  if (!Array.isArray(tuple) || tuple.length !== 12) throw new CacheCorruptError('index entry');
  const [id, vaultId, folderId, revision, name, login, urls, tags, flags, colour, updatedAt, deletedAt] = tuple as EntryTuple;
  return { id, vaultId, folderId, revision, name, login, urls: urlsOf(urls), tags, favourite: (flags & FAVOURITE) !== 0, colour, hasPassword: (flags & HAS_PASSWORD) !== 0, hasTotp: (flags & HAS_TOTP) !== 0, updatedAt, deletedAt };
}

/** A chunk of `entries`: the block the index searches, and the plaintext to seal. */
export function buildChunk(entries: Iterable<IndexEntry>): { block: IndexBlock; plaintext: string } {
  const list = [...entries];
  const hays: string[] = [];
  const tuples: string[] = [];
  const numbers: number[] = [];
  for (const entry of list) {
    const folded = foldEntry(entry);
    const tuple = JSON.stringify(entryToTuple(entry));
    const flags = (entry.favourite ? ROW_FAVOURITE : 0) | (entry.deletedAt === null ? 0 : ROW_TRASHED);
    hays.push(folded.hay);
    tuples.push(tuple);
    numbers.push(folded.hay.length, folded.nameEnd, folded.loginEnd, folded.urlEnd, flags, tuple.length);
  }
  const text = hays.join('\n');
  const block = new IndexBlock(text, rowLayout(text, numbers, list.length, ROW_STRIDE), { entries: list }, hays);
  const plaintext = `${JSON.stringify({ v: FORMAT_VERSION, text, rows: numbers })}\n[${tuples.join(',')}]`;
  return { block, plaintext };
}

/** Where each row's tuple lies in the second part ("[" tuple "," tuple … "]"). */
function tupleSlices(json: string, numbers: number[], rows: number): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(rows);
  const ends = new Int32Array(rows);
  let at = 1;
  for (let row = 0; row < rows; row++) {
    starts[row] = at;
    ends[row] = at + numbers[row * ROW_STRIDE + 5]!;
    at = ends[row]! + 1;
  }
  // After the last row `at` is one past the closing "]"; an empty list is "[]".
  const whole = rows === 0 ? json === '[]' : json[0] === '[' && at === json.length;
  if (!whole) throw new CacheCorruptError('index chunk rows');
  return { starts, ends };
}

interface Header {
  v: number;
  text: string;
  rows: number[];
}

function isHeader(value: unknown): value is Header {
  const header = value as Partial<Header> | null;
  return typeof header === 'object' && header !== null && header.v === FORMAT_VERSION && typeof header.text === 'string' && Array.isArray(header.rows) && header.rows.length % ROW_STRIDE === 0;
}

/** The block a chunk's decrypted plaintext holds; throws CacheCorruptError when it is not one this code wrote. */
export function decodeChunk(plaintext: string): IndexBlock {
  try {
    if (plaintext.startsWith('[')) return decodeVersion1(JSON.parse(plaintext));
    const split = plaintext.indexOf('\n');
    const header: unknown = JSON.parse(split < 0 ? plaintext : plaintext.slice(0, split));
    if (split < 0 || !isHeader(header)) throw new CacheCorruptError('index chunk');
    const rows = header.rows.length / ROW_STRIDE;
    const json = plaintext.slice(split + 1);
    const layout = rowLayout(header.text, header.rows, rows, ROW_STRIDE);
    return new IndexBlock(header.text, layout, { json, ...tupleSlices(json, header.rows, rows), parse: entryFromTuple });
  } catch (error) {
    if (error instanceof SyntaxError) throw new CacheCorruptError('index chunk');
    throw error;
  }
}

function decodeVersion1(tuples: unknown): IndexBlock {
  if (!Array.isArray(tuples)) throw new CacheCorruptError('index chunk');
  return buildChunk(tuples.map(entryFromTuple)).block;
}
