import { expect } from 'vitest';
import { bulkCreateItemsRoute, createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, rekeyItemRoute, restoreItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { moveItem, openItem, readInput, sealRevision, updateItem } from '../../lib/vault/item';
import { randomBytes } from '../../lib/crypto/bytes';
import { rotateVaultKeyRoute } from '../../lib/contract/vault-access';
import { rotatedVaultKey, wrapVaultKey } from '../../lib/vault/vault-keys';
import { openSnapshot } from '../../lib/vault/snapshot';
import { recordedEvents } from './recorded-events';
import { reportClientEventsRoute } from '../../lib/contract/client-events';
import { badId, expectRefusal, notFound, routeCase, withBody, withParam } from './route-case';
import { newItem, newVault, passwordOf, sealedItem, withPassword, type VaultWorld } from './vault-fixtures';

// The item routes of the vault route table: create, search, get, update, move, trash, restore,
// purge, and the snapshots of earlier revisions.

/** A fresh item of the shared vault, made by the editor and saved once more (snapshot: revision 1). */
async function updatedOnce(w: VaultWorld) {
  const item = await newItem(w.editor, w.shared, { password: 'first' });
  return w.editor.api.call(updateItemRoute, { params: { id: item.id }, body: await updateItem(item, w.shared, withPassword('second')) });
}

export const itemCases = [
  routeCase({
    route: createItemRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ body: await sealedItem(w.shared, { name: 'Jenkins', password: 'hunter2' }) }),
    succeeded: async (item, input, w) => {
      expect(item).toMatchObject({ id: input.body!.id, vaultId: w.shared.vaultId, revision: 1, name: 'Jenkins', updatedBy: w.editor.userId, deletedAt: null });
      expect(await passwordOf(await w.reader.api.call(getItemRoute, { params: { id: item.id } }), w.shared)).toBe('hunter2');
    },
    outsider: notFound,
    invalid: { field: 'body.revision', spoil: (input) => withBody(input, { revision: 0 }) },
  }),
  routeCase({
    route: searchItemsRoute,
    actor: (w) => w.reader,
    valid: async () => ({ query: { query: 'BUILD SERVER' } }),
    succeeded: ({ items }, _, w) => expect(items.map((item) => item.id)).toEqual([w.sharedItem.id]),
    outsider: ({ items }, w) => expect(items.filter((item) => item.vaultId === w.shared.vaultId)).toEqual([]),
    invalid: { field: 'query.trash', spoil: (input) => ({ query: { ...input.query, trash: 'everything' } }) },
  }),
  routeCase({
    route: getItemRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: w.sharedItem.id } }),
    succeeded: async (item, _, w) => {
      expect(item).toMatchObject({ name: 'Build server', folderId: w.sharedFolder.id, revision: 1 });
      expect(await passwordOf(item, await w.organisation.openVault(w.reader, w.shared.vaultId))).toBe('correct horse');
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: updateItemRoute,
    actor: (w) => w.editor,
    valid: async (w) => {
      const item = await newItem(w.editor, w.shared, { password: 'first' });
      return { params: { id: item.id }, body: await updateItem(item, w.shared, withPassword('second')) };
    },
    succeeded: async (item, _, w) => {
      expect(item).toMatchObject({ revision: 2, updatedBy: w.editor.userId });
      expect(await passwordOf(await w.reader.api.call(getItemRoute, { params: { id: item.id } }), w.shared)).toBe('second');
    },
    outsider: notFound,
    invalid: { field: 'body.fields.0.id', spoil: (input) => withBody(input, { fields: [{ ...input.body!.fields[0]!, id: 'not an id' }] }) },
  }),
  routeCase({
    route: moveItemRoute,
    valid: async (w) => {
      const [from, to] = [await newVault(w.owner), await newVault(w.owner)];
      const item = await newItem(w.owner, from, { password: 'moving' });
      return { params: { id: item.id }, body: await moveItem(item, from, to) };
    },
    succeeded: async (item, input, w) => {
      expect(item).toMatchObject({ vaultId: input.body!.vaultId, revision: 2 });
      expect(await passwordOf(item, await w.organisation.openVault(w.owner, item.vaultId))).toBe('moving');
    },
    outsider: notFound,
    invalid: { field: 'body.metadataMac', spoil: (input) => withBody(input, { metadataMac: undefined }) },
  }),
  routeCase({
    route: trashItemRoute,
    actor: (w) => w.full,
    valid: async (w) => ({ params: { id: (await newItem(w.editor, w.shared)).id } }),
    succeeded: async (item, _, w) => {
      expect(item.deletedAt).toEqual(expect.any(Number));
      expect((await w.reader.api.call(getItemRoute, { params: { id: item.id } })).deletedAt).toBe(item.deletedAt);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: restoreItemRoute,
    actor: (w) => w.full,
    valid: async (w) => {
      const item = await newItem(w.editor, w.shared);
      await w.full.api.call(trashItemRoute, { params: { id: item.id } });
      return { params: { id: item.id } };
    },
    succeeded: (item) => expect(item.deletedAt).toBeNull(),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: purgeItemRoute,
    actor: (w) => w.full,
    valid: async (w) => {
      const item = await newItem(w.editor, w.shared);
      await w.full.api.call(trashItemRoute, { params: { id: item.id } });
      return { params: { id: item.id } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.editor.api.call(getItemRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: rekeyItemRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const item = await newItem(w.owner, vault, { password: 'kept across the rotation' });
      const next = await rotatedVaultKey(vault);
      await w.owner.api.call(rotateVaultKeyRoute, { params: { id: vault.vaultId }, body: { keyVersion: next.version, wrap: await wrapVaultKey(next, w.owner.certified, w.owner.granter) } });
      return { params: { id: item.id }, body: await sealRevision(next, item.id, item.revision + 1, randomBytes(32), await readInput(item, await openItem(item, vault))) };
    },
    succeeded: async (item, _, w) => {
      expect([item.revision, item.entryKey.vaultKeyVersion]).toEqual([2, 2]);
      expect(await passwordOf(item, await w.organisation.openVault(w.owner, item.vaultId))).toBe('kept across the rotation');
    },
    outsider: notFound,
    invalid: { field: 'body.revision', spoil: (input) => withBody(input, { revision: 0 }) },
  }),
  routeCase({
    route: reportClientEventsRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ body: { events: [{ type: 'password.copied' as const, itemId: w.sharedItem.id, field: w.sharedItem.fields[0]!.id }] } }),
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      const events = await recordedEvents(w.server, 'password.copied', w.reader.userId);
      expect(events.at(-1)).toMatchObject({ actor: { type: 'user', id: w.reader.userId }, target: { type: 'item', id: w.sharedItem.id }, vaultId: w.shared.vaultId, details: { fieldId: w.sharedItem.fields[0]!.id, fieldType: 'password' } });
      await expectRefusal(w.reader.api.call(reportClientEventsRoute, { body: { events: [{ type: 'field.viewed', itemId: w.sharedItem.id, field: 'no-such-field' }] } }), { ...notFound, field: 'body.events.0.field' });
    },
    outsider: { ...notFound, field: 'body.events.0.itemId' },
    invalid: { field: 'body.events.0.type', spoil: (input) => withBody(input, { events: [{ ...input.body!.events[0]!, type: 'password.printed' as never }] }) },
  }),
  routeCase({
    route: listSnapshotsRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: (await updatedOnce(w)).id } }),
    succeeded: ({ snapshots }, _, w) => expect(snapshots).toEqual([{ revision: 1, vaultId: w.shared.vaultId, createdAt: expect.any(Number), createdBy: w.editor.userId }]),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: getSnapshotRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: (await updatedOnce(w)).id, revision: 1 } }),
    succeeded: async ({ snapshot, item }, input, w) => {
      expect(snapshot).toMatchObject({ revision: 1, createdBy: w.editor.userId });
      const current = await w.reader.api.call(getItemRoute, { params: { id: input.params!.id } });
      const opened = await openSnapshot(item, (await openItem(current, w.shared)).entryKey);
      expect(opened.fields.find((field) => field.id === 'password')?.value).toBe('first');
    },
    outsider: notFound,
    invalid: { field: 'param.revision', spoil: (input) => withParam(input, { revision: 0 }) },
  }),
];

/** The bulk create an import sends (appended to ROUTES after the share-link routes). */
export const bulkItemCases = [
  routeCase({
    route: bulkCreateItemsRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ params: { vaultId: w.shared.vaultId }, body: { items: await Promise.all(['Imported one', 'Imported two'].map((name) => sealedItem(w.shared, { name, password: `${name} secret` }))) } }),
    succeeded: async ({ ids }, input, w) => {
      expect(ids).toEqual(input.body!.items.map((item) => item.id));
      const read = await w.reader.api.call(getItemRoute, { params: { id: ids[1]! } });
      expect(read).toMatchObject({ name: 'Imported two', revision: 1, updatedBy: w.editor.userId });
      expect(await passwordOf(read, w.shared)).toBe('Imported two secret');
    },
    outsider: notFound,
    invalid: { field: 'body.items.1.name', spoil: (input) => withBody(input, { items: [input.body!.items[0]!, { ...input.body!.items[1]!, name: ' padded ' }] }) },
  }),
];
