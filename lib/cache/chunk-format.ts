import type { UrlMatch } from '../crypto/entry-integrity';
import { CacheCorruptError } from './errors';
import { foldEntry } from './folded-entry';
import { IndexBlock, ROW_FAVOURITE, ROW_TRASHED, rowLayout } from './index-block';
import type { IndexEntry } from './index-entry';

// How an index chunk is written (docs/offline-cache.md, "Index chunks"). Two parts, split at the
// first newline (JSON.stringify never writes a raw one):
//   {"v":3,"text":"<folded hays, newline-joined>","rows":[hay length, name end, login end, URL end, flags, tuple length, …],"refs":[vault or folder id, …]}
//   [<entry tuple>,<entry tuple>,…]
// The first part is what search needs, ready-made: unlock parses one string and a list of numbers
// per chunk instead of folding and allocating per entry. The second holds the entries, one JSON
// array each, fields by position; a row is parsed from its own slice when someone looks at it.
// Every byte is read, decrypted and copied at each unlock, so a tuple leaves out what its hay
// already says (a field written 0) and names vaults and folders by their place in "refs".

/** [id, vault ref, folder ref, revision, name, login, [url, match, url, match, …], [tag, …], flags, colour, updatedAt, deletedAt] */
type EntryTuple = [string, number, number | null, number, Written, Written, (Written | number)[], Written[], number, string | null, number, number | null];

/** A name, login, URL or tag as a tuple holds it: the text, or 0 for "as in the hay" (a URL: "https://" and its hay part). */
type Written = string | 0;

const FAVOURITE = 1;
const HAS_TOTP = 2;
const HAS_PASSWORD = 4;

const FORMAT_VERSION = 3;
/** Numbers per row in the first part's "rows". */
const ROW_STRIDE = 6;
const SAME_AS_HAY = 0;
const USUAL_SCHEME = 'https://';
/** Match rules by number; the format's own list, so reordering the contract's cannot change a stored chunk. */
const URL_MATCHES: readonly UrlMatch[] = ['domain', 'host', 'starts-with', 'exact', 'regex', 'never'];

/** The parts of a hay: name, login, each URL's search text, each tag (folded-entry.ts joins them with newlines). */
interface HayParts {
  name: string;
  login: string;
  urls: string[];
  tags: string[];
}

/** The parts of a hay from where its fields end: a URL or tag area that is there holds one part at least, maybe empty. */
function hayParts(hay: string, nameEnd: number, loginEnd: number, urlEnd: number): HayParts {
  const urls = urlEnd === loginEnd ? [] : hay.slice(loginEnd + 1, urlEnd).split('\n');
  const tags = urlEnd === hay.length ? [] : hay.slice(urlEnd + 1).split('\n');
  return { name: hay.slice(0, nameEnd), login: hay.slice(nameEnd + 1, loginEnd), urls, tags };
}

const written = (value: string, inHay: string | undefined): Written => (value === inHay ? SAME_AS_HAY : value);

function matchNumber(match: UrlMatch): number {
  const number = URL_MATCHES.indexOf(match);
  if (number < 0) throw new RangeError(`no number for the match rule ${match}`);
  return number;
}

/** Vault and folder ids of one chunk, each written once. */
class RefTable {
  readonly ids: string[] = [];
  readonly #at = new Map<string, number>();

  ref(id: string): number {
    let at = this.#at.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.ids.push(id);
      this.#at.set(id, at);
    }
    return at;
  }
}

function entryToTuple(entry: IndexEntry, parts: HayParts, refs: RefTable): EntryTuple {
  const urls = entry.urls.flatMap((url, i) => [written(url.url, USUAL_SCHEME + parts.urls[i]), matchNumber(url.match)]);
  const tags = entry.tags.map((tag, i) => written(tag, parts.tags[i]));
  const flags = (entry.favourite ? FAVOURITE : 0) | (entry.hasTotp ? HAS_TOTP : 0) | (entry.hasPassword ? HAS_PASSWORD : 0);
  const vault = refs.ref(entry.vaultId);
  const folder = entry.folderId === null ? null : refs.ref(entry.folderId);
  return [entry.id, vault, folder, entry.revision, written(entry.name, parts.name), written(entry.login, parts.login), urls, tags, flags, entry.colour, entry.updatedAt, entry.deletedAt];
}

/** A tuple's text, or its hay's when written 0; throws CacheCorruptError for anything else. */
function readWritten(value: unknown, inHay: string | undefined): string {
  if (typeof value === 'string') return value;
  if (value === SAME_AS_HAY && inHay !== undefined) return inHay;
  throw new CacheCorruptError('index entry');
}

function refAt(refs: readonly string[], at: unknown): string {
  const id = typeof at === 'number' ? refs[at] : undefined;
  if (id === undefined) throw new CacheCorruptError('index entry');
  return id;
}

/** The entry a chunk stored, from its tuple and its row's hay; throws CacheCorruptError for a row this code did not write. */
function entryFromTuple(tuple: unknown, hay: HayParts, refs: readonly string[]): IndexEntry {
  if (!Array.isArray(tuple) || tuple.length !== 12) throw new CacheCorruptError('index entry');
  const [id, vault, folder, revision, name, login, urls, tags, flags, colour, updatedAt, deletedAt] = tuple as EntryTuple;
  // As many URLs and tags as the hay holds parts for.
  if (!Array.isArray(urls) || !Array.isArray(tags) || urls.length !== hay.urls.length * 2 || tags.length !== hay.tags.length) throw new CacheCorruptError('index entry');
  const entryUrls: IndexEntry['urls'] = [];
  for (let i = 0; i < urls.length; i += 2) {
    const number = urls[i + 1];
    const match = Number.isInteger(number) ? URL_MATCHES[number as number] : undefined;
    if (match === undefined) throw new CacheCorruptError('index entry');
    entryUrls.push({ url: readWritten(urls[i], USUAL_SCHEME + hay.urls[i / 2]), match });
  }
  return {
    id,
    vaultId: refAt(refs, vault),
    folderId: folder === null ? null : refAt(refs, folder),
    revision,
    name: readWritten(name, hay.name),
    login: readWritten(login, hay.login),
    urls: entryUrls,
    tags: tags.map((tag, i) => readWritten(tag, hay.tags[i])),
    favourite: (flags & FAVOURITE) !== 0,
    colour,
    hasPassword: (flags & HAS_PASSWORD) !== 0,
    hasTotp: (flags & HAS_TOTP) !== 0,
    updatedAt,
    deletedAt,
  };
}

/** A chunk of `entries`: the block the index searches, and the plaintext to seal. */
export function buildChunk(entries: Iterable<IndexEntry>): { block: IndexBlock; plaintext: string } {
  const list = [...entries];
  const hays: string[] = [];
  const tuples: string[] = [];
  const numbers: number[] = [];
  const refs = new RefTable();
  for (const entry of list) {
    const folded = foldEntry(entry);
    const parts = hayParts(folded.hay, folded.nameEnd, folded.loginEnd, folded.urlEnd);
    const tuple = JSON.stringify(entryToTuple(entry, parts, refs));
    const flags = (entry.favourite ? ROW_FAVOURITE : 0) | (entry.deletedAt === null ? 0 : ROW_TRASHED);
    hays.push(folded.hay);
    tuples.push(tuple);
    numbers.push(folded.hay.length, folded.nameEnd, folded.loginEnd, folded.urlEnd, flags, tuple.length);
  }
  const text = hays.join('\n');
  const block = new IndexBlock(text, rowLayout(text, numbers, list.length, ROW_STRIDE), { entries: list }, hays);
  const plaintext = `${JSON.stringify({ v: FORMAT_VERSION, text, rows: numbers, refs: refs.ids })}\n[${tuples.join(',')}]`;
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
  refs: string[];
}

function isHeader(value: unknown): value is Header {
  const header = value as Partial<Header> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.v === FORMAT_VERSION &&
    typeof header.text === 'string' &&
    Array.isArray(header.rows) &&
    header.rows.length % ROW_STRIDE === 0 &&
    Array.isArray(header.refs) &&
    header.refs.every((ref) => typeof ref === 'string')
  );
}

/** The block a chunk's decrypted plaintext holds; throws CacheCorruptError when it is not one this code wrote. */
export function decodeChunk(plaintext: string): IndexBlock {
  try {
    const split = plaintext.indexOf('\n');
    const header: unknown = JSON.parse(split < 0 ? plaintext : plaintext.slice(0, split));
    if (split < 0 || !isHeader(header)) throw new CacheCorruptError('index chunk');
    const rows = header.rows.length / ROW_STRIDE;
    const json = plaintext.slice(split + 1);
    const layout = rowLayout(header.text, header.rows, rows, ROW_STRIDE);
    const { refs } = header;
    const parse = (tuple: unknown, hay: string, row: number) => {
      const start = layout.textStart[row]!;
      return entryFromTuple(tuple, hayParts(hay, layout.nameEnd[row]! - start, layout.loginEnd[row]! - start, layout.urlEnd[row]! - start), refs);
    };
    return new IndexBlock(header.text, layout, { json, ...tupleSlices(json, header.rows, rows), parse });
  } catch (error) {
    if (error instanceof SyntaxError) throw new CacheCorruptError('index chunk');
    throw error;
  }
}
