import type { ApiClient } from '../../api/client';
import { bulkCreateItemsRoute, MAX_BULK_ITEMS, type SealedItem } from '../../contract/items';

// Sealed imported items go to the server in bulk creates (POST /api/v1/vaults/{id}/items/bulk),
// each all or none. Entries with long notes or many fields make large items, so a request is cut
// by its size as well as its count, to stay under the server's default 1 MiB body limit.

const REQUEST_BYTES = 768 * 1024;

/** `items` cut into the bodies of bulk creates, in order. */
export function bulkBodies(items: SealedItem[]): SealedItem[][] {
  const bodies: SealedItem[][] = [];
  let current: SealedItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (current.length > 0 && (current.length === MAX_BULK_ITEMS || bytes + size > REQUEST_BYTES)) {
      bodies.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) bodies.push(current);
  return bodies;
}

/** Creates `items` in `vaultId`; an ApiRequestError naming the refused item (`body.items.<index>…`) when the server refuses one. */
export async function storeSealed(api: ApiClient, vaultId: string, items: SealedItem[]): Promise<void> {
  for (const body of bulkBodies(items)) await api.call(bulkCreateItemsRoute, { params: { vaultId }, body: { items: body } });
}
