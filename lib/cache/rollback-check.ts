import type { SyncResponse } from '../contract/sync';
import type { CacheDirectory } from './directory';
import { SyncRollbackError } from './errors';
import type { IndexBlock } from './index-block';
import { findEntry } from './index-chunks';

// A delta never takes an entry back to an older revision, nor a vault to an older key version:
// revisions and key versions only grow, and a change may come twice but never older. A server
// restored from a backup (or a hostile one replaying old records) would otherwise silently roll a
// password back. It has to say so with a full sync, which replaces the cache and which the
// worker can report.

/**
 * Throws SyncRollbackError if a delta holds an item revision older than the cache's — or than the
 * revision it had when an earlier delta removed it, so removing and re-adding cannot smuggle an old
 * record back — or a vault key version older than the cache's.
 */
export function checkNoRollback(chunks: readonly IndexBlock[], directory: CacheDirectory, response: SyncResponse): void {
  if (response.full) return;
  // Compared with what the cache held before this response's own removals: a moved item is
  // removed and sent again, always with a higher revision.
  for (const item of response.items) {
    const known = findEntry(chunks, item.id)?.revision ?? directory.removedRevisions[item.id];
    if (known !== undefined && item.revision < known) throw new SyncRollbackError('item', item.id);
  }
  const keyVersions = new Map(directory.vaults.map((vault) => [vault.id, vault.keyVersion]));
  for (const vault of response.vaults) {
    if (vault.keyVersion < (keyVersions.get(vault.id) ?? 0)) throw new SyncRollbackError('vault', vault.id);
  }
}
