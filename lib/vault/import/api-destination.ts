import type { ApiClient } from '../../api/client';
import { batchRoute } from '../../contract/batch';
import { createFolderRoute } from '../../contract/folders';
import { sealNewItem, type VaultKey } from '../item';
import { newId } from '../owner-setup';
import { duplicateKey } from './duplicate-key';
import { entryOfMetadata, type DestinationFolder, type ImportDestination } from './importer';

// The importer's destination over the API, for whoever holds the vault key in this process (the
// CLI, the extension's worker, the benchmark): items sealed here by lib/vault/item.ts exactly as a
// hand-typed entry, then created 25 to a batch (POST /api/v1/batch), folders one by one.

/** A sub-request the server refused: the import stops, with what it already stored kept. */
export class ImportRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`the server refused an imported entry (${status}): ${JSON.stringify(body)}`);
    this.name = 'ImportRefusedError';
  }
}

/** What the destination reads of the target vault as it is now. */
export interface TargetVault {
  vaultKey: VaultKey;
  folders: DestinationFolder[];
  /** Its live entries' clear metadata. */
  items: { name: string; login: string; urls: { url: string }[]; tags: string[] }[];
}

/** Imports into `target.vaultKey.vaultId` through `api`. */
export function apiDestination(api: ApiClient, target: TargetVault): ImportDestination {
  const vaultId = target.vaultKey.vaultId;
  return {
    vaultId,
    folders: target.folders,
    existingKeys: target.items.map((item) => duplicateKey(entryOfMetadata(item))),
    async createFolder(parentId, name) {
      return (await api.call(createFolderRoute, { body: { id: newId(), vaultId, parentId, name } })).id;
    },
    async storeItems(items) {
      const records = await Promise.all(items.map((input) => sealNewItem(target.vaultKey, newId(), input)));
      const { responses } = await api.call(batchRoute, { body: { requests: records.map((body) => ({ method: 'POST' as const, path: '/api/v1/items', body })) } });
      const refused = responses.find((response) => response.status !== 201);
      if (refused) throw new ImportRefusedError(refused.status, refused.body);
    },
  };
}
