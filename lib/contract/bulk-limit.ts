// Apart from items.ts, so the extension's message protocol can bound an import batch without
// loading the API contract into the popup.

/** Items one bulk create takes (POST /api/v1/vaults/{vaultId}/items/bulk). */
export const MAX_BULK_ITEMS = 250;
