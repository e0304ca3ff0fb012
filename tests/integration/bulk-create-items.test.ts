import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChainRoute } from '../../lib/contract/audit-chain';
import { bulkCreateItemsRoute, getItemRoute, MAX_BULK_ITEMS, searchItemsRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import type { ItemRecord } from '../../lib/vault/item';
import { recordedEvents } from '../helpers/recorded-events';
import { expectRefusal, notFound } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newVault, passwordOf, sealedItem, wrongHashClient, type VaultWorld } from '../helpers/vault-fixtures';

// The bulk create an import sends (POST /api/v1/vaults/{vaultId}/items/bulk) over HTTP on both
// engines: items readable and in delta sync, one `item.created` each on a chain that verifies, all
// or none, and the same rights and master key hash check as creating one item.

const sealedBatch = (w: VaultWorld, names: string[], folderId: string | null = null): Promise<ItemRecord[]> =>
  Promise.all(names.map((name) => sealedItem(w.shared, { name, folderId, password: `${name} password` })));

describe.each(ENGINES)('bulk item create on $engine', ({ engine, available }) => {
  let w: VaultWorld;
  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

  const bulk = (items: unknown[], vaultId = w.shared.vaultId, member = w.editor) => member.api.call(bulkCreateItemsRoute, { params: { vaultId }, body: { items: items as ItemRecord[] } });
  const itemNames = async (member = w.owner) => (await member.api.call(searchItemsRoute, { query: { vaultId: w.shared.vaultId, limit: 500 } })).items.map((item) => item.name);

  it.skipIf(!available)('creates every item: readable and decryptable, in the next delta sync, one item.created each on a chain that verifies', async () => {
    const before = await w.reader.api.call(syncRoute, { query: {} });
    const items = await sealedBatch(w, ['Bulk mail', 'Bulk bank', 'Bulk router'], w.sharedFolder.id);
    expect(await bulk(items)).toEqual({ ids: items.map((item) => item.id) });

    const read = await w.reader.api.call(getItemRoute, { params: { id: items[1]!.id } });
    expect(read).toMatchObject({ name: 'Bulk bank', folderId: w.sharedFolder.id, revision: 1, updatedBy: w.editor.userId, deletedAt: null });
    expect(await passwordOf(read, w.shared)).toBe('Bulk bank password');

    const delta = await w.reader.api.call(syncRoute, { query: { cursor: before.cursor } });
    expect(delta.full).toBe(false);
    expect(delta.items.map((item) => item.name).sort()).toEqual(['Bulk bank', 'Bulk mail', 'Bulk router']);
    for (const item of delta.items) expect(await passwordOf(item, w.shared)).toBe(`${item.name} password`);
    expect((await w.reader.api.call(syncRoute, { query: { cursor: delta.cursor } })).items).toEqual([]);

    const created = (await recordedEvents(w.server, 'item.created', w.editor.userId)).filter((event) => items.some((item) => item.id === event.target?.id));
    expect(created.map((event) => event.target?.id).sort()).toEqual(items.map((item) => item.id).sort());
    expect(created.every((event) => event.vaultId === w.shared.vaultId)).toBe(true);
    expect(await w.owner.api.call(verifyAuditChainRoute)).toMatchObject({ whole: true, break: null });
  });

  it.skipIf(!available)('creates nothing when one item is bad, and names it', async () => {
    const items = await sealedBatch(w, ['Atomic one', 'Atomic two', 'Atomic three']);
    await expectRefusal(bulk([items[0], items[1], { ...items[2]!, revision: 2 }]), { status: 409, code: 'conflict', field: 'body.items.2.revision' });
    await expectRefusal(bulk([items[0], { ...items[1]!, name: '' }, items[2]]), { status: 400, code: 'validationFailed', field: 'body.items.1.name' });
    await expectRefusal(bulk([items[0], items[1], { ...items[2]!, vaultId: (await newVault(w.editor)).vaultId }]), { status: 400, code: 'validationFailed', field: 'body.items.2.vaultId' });
    await expectRefusal(bulk([items[0], items[1], { ...items[2]!, entryKey: { ...items[2]!.entryKey, vaultKeyVersion: 2 } }]), { status: 409, code: 'conflict', field: 'body.items.2.entryKey.vaultKeyVersion' });
    await expectRefusal(bulk([items[0], items[1], items[0]]), { status: 409, code: 'conflict', field: 'body.items.2.id' });
    expect((await itemNames()).filter((name) => name.startsWith('Atomic'))).toEqual([]);

    await bulk([items[1]]);
    await expectRefusal(bulk(items), { status: 409, code: 'conflict', field: 'body.items.1.id' });
    expect((await itemNames()).filter((name) => name.startsWith('Atomic'))).toEqual(['Atomic two']);
  });

  it.skipIf(!available)('refuses a read-only member, an outsider and a wrong master key hash, creating nothing', async () => {
    const items = await sealedBatch(w, ['Refused one', 'Refused two']);
    await expectRefusal(bulk(items, w.shared.vaultId, w.reader), { status: 403, code: 'forbidden' });
    await expectRefusal(bulk(items, w.shared.vaultId, w.outsider), notFound);
    await expectRefusal(wrongHashClient(w.server, w.editor).call(bulkCreateItemsRoute, { params: { vaultId: w.shared.vaultId }, body: { items } }), { status: 403, code: 'masterKeyHashMismatch' });
    expect((await itemNames()).filter((name) => name.startsWith('Refused'))).toEqual([]);
  });

  it.skipIf(!available)(`refuses more than ${MAX_BULK_ITEMS} items, and none`, async () => {
    const one = (await sealedBatch(w, ['Over']))[0]!;
    await expectRefusal(bulk(Array.from({ length: MAX_BULK_ITEMS + 1 }, () => one)), { status: 400, code: 'validationFailed', field: 'body.items' });
    await expectRefusal(bulk([]), { status: 400, code: 'validationFailed', field: 'body.items' });
  });
});
