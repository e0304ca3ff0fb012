import type { UrlMatch } from '../crypto/entry-integrity';
import { CacheCorruptError } from './errors';
import type { Chunk } from './index-chunks';
import type { IndexEntry } from './index-entry';

// How index entries are written inside an index chunk: one JSON array per entry, fields by position
// (docs/offline-cache.md, "Index chunks"). Half the bytes of keyed objects, so unlock decrypts,
// decodes and parses half as much — on the path the user waits for.

/** [id, vaultId, folderId, revision, name, login, [url, match, url, match, …], tags, flags, colour, updatedAt, deletedAt] */
export type EntryTuple = [string, string, string | null, number, string, string, string[], string[], number, string | null, number, number | null];

const FAVOURITE = 1;
const HAS_TOTP = 2;
const HAS_PASSWORD = 4;

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
export function entryFromTuple(tuple: EntryTuple): IndexEntry {
  if (!Array.isArray(tuple) || tuple.length !== 12) throw new CacheCorruptError('index entry');
  const [id, vaultId, folderId, revision, name, login, urls, tags, flags, colour, updatedAt, deletedAt] = tuple;
  return { id, vaultId, folderId, revision, name, login, urls: urlsOf(urls), tags, favourite: (flags & FAVOURITE) !== 0, colour, hasPassword: (flags & HAS_PASSWORD) !== 0, hasTotp: (flags & HAS_TOTP) !== 0, updatedAt, deletedAt };
}

/** A chunk's plaintext: its entries as tuples. */
export function encodeChunk(chunk: Chunk): EntryTuple[] {
  return [...chunk.values()].map(entryToTuple);
}

/** A chunk from its decrypted plaintext; throws CacheCorruptError when it is not a list of entries. */
export function decodeChunk(tuples: unknown): Chunk {
  if (!Array.isArray(tuples)) throw new CacheCorruptError('index chunk');
  const chunk: Chunk = new Map();
  for (const tuple of tuples as EntryTuple[]) chunk.set(tuple[0], entryFromTuple(tuple));
  return chunk;
}
