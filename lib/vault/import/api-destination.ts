import type { ApiClient } from '../../api/client';
import { createFolderRoute } from '../../contract/folders';
import { sealNewItem, type VaultKey } from '../item';
import { newId } from '../owner-setup';
import { existingKeysOf, type DestinationFolder, type ExistingItem, type ImportDestination } from './importer';
import { storeSealed } from './store-sealed';

// The importer's destination over the API, for whoever holds the vault key in this process (the
// CLI, the extension's worker, the benchmark): items sealed here by lib/vault/item.ts exactly as a
// hand-typed entry, then created in bulk (store-sealed.ts), folders one by one.

/** What the destination reads of the target vault as it is now. */
export interface TargetVault {
  vaultKey: VaultKey;
  folders: DestinationFolder[];
  /** Its live entries' clear metadata. */
  items: ExistingItem[];
}

/** Imports into `target.vaultKey.vaultId` through `api`. */
export function apiDestination(api: ApiClient, target: TargetVault): ImportDestination {
  const vaultId = target.vaultKey.vaultId;
  return {
    vaultId,
    folders: target.folders,
    existingKeys: existingKeysOf(target.items),
    async createFolder(parentId, name) {
      return (await api.call(createFolderRoute, { body: { id: newId(), vaultId, parentId, name } })).id;
    },
    async storeItems(items) {
      await storeSealed(api, vaultId, await Promise.all(items.map((input) => sealNewItem(target.vaultKey, newId(), input))));
    },
  };
}
