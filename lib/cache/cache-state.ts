import { CacheCorruptError } from './errors';

// The encrypted heart of an account's cache: the sync cursor and the generation of every chunk and
// of the directory. Each record's context names its generation, so an older copy of a record (a
// file-level rollback of one chunk) fails its MAC; and the cursor is only ever stored in the same
// transaction as the data it describes.

/** The account's cache state, stored encrypted under the cache key. */
export interface CacheState {
  version: 1;
  /** The cursor of the last applied sync; null before the first. */
  cursor: string | null;
  chunkGenerations: number[];
  directoryGeneration: number;
  /** Hex SHA-256 of the clear profile beside it (account-profile.ts). */
  profileDigest: string;
}

/** The state of a new, empty cache. */
export function initialState(chunkCount: number, profileDigest: string): CacheState {
  return { version: 1, cursor: null, chunkGenerations: Array.from({ length: chunkCount }, () => 1), directoryGeneration: 1, profileDigest };
}

/** `state` as read back, checked for the shape this code writes; throws CacheCorruptError otherwise. */
export function checkState(state: CacheState, chunkCount: number): CacheState {
  const generations = state.chunkGenerations;
  const wellFormed = state.version === 1 && Array.isArray(generations) && generations.length === chunkCount && generations.every(Number.isSafeInteger) && Number.isSafeInteger(state.directoryGeneration);
  if (!wellFormed) throw new CacheCorruptError('state');
  return state;
}

/** The state after rewriting `chunks` (and the directory, if `directory`), with the new cursor. */
export function nextState(state: CacheState, written: { chunks: Iterable<number>; directory: boolean }, cursor: string): CacheState {
  const chunkGenerations = [...state.chunkGenerations];
  for (const index of written.chunks) chunkGenerations[index] = chunkGenerations[index]! + 1;
  return { ...state, cursor, chunkGenerations, directoryGeneration: state.directoryGeneration + (written.directory ? 1 : 0) };
}
