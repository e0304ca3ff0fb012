import { describe, expect, it } from 'vitest';
import { MAX_BULK_ITEMS, type SealedItem } from '../../contract/items';
import { bulkBodies } from './store-sealed';

// How an import's sealed items are cut into bulk creates: never over the route's count, and well
// under the server's 1 MiB body limit however large the entries are.

const item = (id: number, noteBytes = 0): SealedItem => ({
  id: `item-${id}`,
  vaultId: 'vault',
  folderId: null,
  revision: 1,
  name: `Entry ${id}`,
  login: '',
  urls: [],
  tags: [],
  colour: null,
  description: '',
  favourite: false,
  fields: noteBytes ? [{ id: 'notes', type: 'notes', label: 'Notes', value: 'A'.repeat(noteBytes) }] : [],
  metadataMac: 'mac',
  entryKey: { vaultKeyVersion: 1, wrapped: 'wrapped' },
});

describe('bulkBodies', () => {
  it('cuts small entries at the route limit, in order', () => {
    const items = Array.from({ length: 2 * MAX_BULK_ITEMS + 3 }, (_, index) => item(index));
    const bodies = bulkBodies(items);
    expect(bodies.map((body) => body.length)).toEqual([MAX_BULK_ITEMS, MAX_BULK_ITEMS, 3]);
    expect(bodies.flat()).toEqual(items);
  });

  it('cuts large entries by size, so no request nears 1 MiB', () => {
    const items = Array.from({ length: 20 }, (_, index) => item(index, 150_000));
    const bodies = bulkBodies(items);
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(JSON.stringify({ items: body }).length).toBeLessThan(800 * 1024);
    expect(bodies.flat()).toEqual(items);
  });

  it('sends an entry larger than the budget alone', () => {
    expect(bulkBodies([item(1), item(2, 900_000), item(3)]).map((body) => body.map(({ id }) => id))).toEqual([['item-1'], ['item-2'], ['item-3']]);
  });
});
