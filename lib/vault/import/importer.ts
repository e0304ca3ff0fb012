import { MAX_BULK_ITEMS } from '../../contract/bulk-limit';
import type { ItemInput } from '../item';
import { duplicateKey } from './duplicate-key';
import type { ImportedEntry, ImportSkip } from './imported-entry';
import type { ImportItem } from './imported-item';

// The importer (docs/import.md, "Importing"): files each entry under the folder chosen (creating
// the folders its path names), leaves out what the vault already holds and what the file repeats,
// and hands the rest to the destination in batches, which seals and stores them. Parsing happened
// before; sealing happens in the destination, which holds the keys (the worker, or the CLI).

/** One entry ready to import: where it was in the source, the item it becomes (null: over a limit), and its duplicate key. */
export interface ImportCandidate {
  position: number;
  name: string;
  folderPath: string[];
  item: ImportItem | null;
  duplicateKey: string;
}

/** A live folder of the target vault. */
export interface DestinationFolder {
  id: string;
  parentId: string | null;
  name: string;
}

/** Where entries go: one vault, its folders and its entries' duplicate keys, and how to add to it. */
export interface ImportDestination {
  vaultId: string;
  folders: DestinationFolder[];
  /** The duplicate keys of the entries the vault already holds (trash excluded). */
  existingKeys: Iterable<string>;
  createFolder(parentId: string | null, name: string): Promise<string>;
  /** Seals and stores up to one batch of new items; throws when the server refuses any. */
  storeItems(items: ItemInput[]): Promise<void>;
}

/** What an import did: how many entries it created, and every record left out with why. */
export interface ImportSummary {
  imported: number;
  skipped: ImportSkip[];
}

export interface ImportOptions {
  /** The folder the file's folder tree goes under; null: the vault's root. */
  folderId: string | null;
  /** Called after each stored batch with the entries done so far and the total to store. */
  onProgress?: (done: number, total: number) => void;
  /** Items per batch: IMPORT_BATCH by default. */
  batchSize?: number;
  /**
   * Batches in flight at once: 2 by default, one sealing while the other is stored. More only add
   * entries being sealed at once, which costs the client CPU (garbage) and gains nothing.
   */
  inFlight?: number;
  /**
   * Keep entries that repeat an earlier one of the same file (only those already in the vault are
   * skipped): a Keyhold archive is a faithful copy, where two entries alike are two entries.
   */
  keepRepeats?: boolean;
}

/** Items per batch: one bulk create (lib/contract/items.ts) for entries of a usual size. */
export const IMPORT_BATCH = MAX_BULK_ITEMS;
const FOLDER_NAME_LIMIT = 200;

/** The clear metadata of an entry already in the target vault, as destinations read it. */
export type ExistingItem = { name: string; login: string; urls: { url: string }[]; tags: string[] };

/** An existing entry's metadata as an ImportedEntry, so the parsers' duplicate key reads it like a file's entry. */
export function entryOfMetadata(item: ExistingItem): ImportedEntry {
  return { name: item.name, login: item.login, password: '', urls: item.urls.map(({ url }) => url), notes: '', totp: '', folderPath: [], tags: item.tags, customFields: [] };
}

/** The duplicate keys of the target vault's entries, for a destination's `existingKeys`. */
export function existingKeysOf(items: readonly ExistingItem[]): string[] {
  return items.map((item) => duplicateKey(entryOfMetadata(item)));
}

/** Finds or creates folders by path, once per path. */
function folderResolver(destination: ImportDestination, base: string | null) {
  const children = new Map<string, Promise<string>>();
  for (const folder of destination.folders) children.set(`${folder.parentId ?? ''}/${folder.name}`, Promise.resolve(folder.id));
  const child = (parentId: string | null, name: string): Promise<string> => {
    const slot = `${parentId ?? ''}/${name}`;
    let found = children.get(slot);
    if (!found) {
      found = destination.createFolder(parentId, name);
      children.set(slot, found);
    }
    return found;
  };
  return async (path: string[]): Promise<string | null> => {
    let current = base;
    for (const part of path) {
      const name = part.trim().slice(0, FOLDER_NAME_LIMIT).trim();
      if (name !== '') current = await child(current, name);
    }
    return current;
  };
}

/** Splits candidates into what to store and what to skip (over a limit, or a duplicate of the vault or of an earlier entry). */
function sortOut(candidates: ImportCandidate[], destination: ImportDestination, keepRepeats: boolean) {
  const seen = new Set(destination.existingKeys);
  const keep: (ImportCandidate & { item: ImportItem })[] = [];
  const skipped: ImportSkip[] = [];
  for (const candidate of candidates) {
    if (!candidate.item) {
      skipped.push({ position: candidate.position, name: candidate.name, reason: 'malformed' });
      continue;
    }
    if (seen.has(candidate.duplicateKey)) {
      skipped.push({ position: candidate.position, name: candidate.name, reason: 'duplicate' });
      continue;
    }
    if (!keepRepeats) seen.add(candidate.duplicateKey);
    keep.push(candidate as ImportCandidate & { item: ImportItem });
  }
  return { keep, skipped };
}

/** Imports `candidates` into the destination; `parsed` are the records the parser already left out. Resolves to the summary. */
export async function runImport(candidates: ImportCandidate[], parsedSkips: ImportSkip[], destination: ImportDestination, options: ImportOptions): Promise<ImportSummary> {
  const { keep, skipped } = sortOut(candidates, destination, options.keepRepeats === true);
  const folderOf = folderResolver(destination, options.folderId);
  const size = options.batchSize ?? IMPORT_BATCH;
  const batches: (typeof keep)[] = [];
  for (let start = 0; start < keep.length; start += size) batches.push(keep.slice(start, start + size));
  let done = 0;
  let next = 0;
  options.onProgress?.(0, keep.length);
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const inputs = await Promise.all(batch.map(async ({ item, folderPath }) => ({ ...item, folderId: await folderOf(folderPath) })));
      await destination.storeItems(inputs);
      done += batch.length;
      options.onProgress?.(done, keep.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? 2) }, worker));
  return { imported: keep.length, skipped: [...parsedSkips, ...skipped].sort((a, b) => a.position - b.position) };
}
