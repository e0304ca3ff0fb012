import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, type RouteInput, type RouteOutput } from '../../lib/api/client';
import { batchRoute } from '../../lib/contract/batch';
import { listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../../lib/contract/folders';
import { createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, purgeItemRoute, restoreItemRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { deleteVaultRoute, getVaultRoute, removeVaultMemberRoute } from '../../lib/contract/vaults';
import { updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { restoreSnapshot } from '../../lib/vault/snapshot';
import type { TestMember } from '../helpers/organisation';
import { expectRefusal, notFound } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newFolder, newItem, newVault, passwordOf, sealedItem, shareWith, withPassword, type VaultWorld } from '../helpers/vault-fixtures';

// Issue #5 over HTTP on both engines, what the route table (vault-routes.test.ts) cannot show:
// folder trees, trash and restore, revisions and snapshots, deleting a vault, batch, and sync.

type BatchRequest = NonNullable<RouteInput<typeof batchRoute>['body']>['requests'][number];

/** The status of a one-request batch's sub-request, or the batch's own status when it is refused whole. */
async function subRequestStatus(call: Promise<RouteOutput<typeof batchRoute>>): Promise<number> {
  return call.then(
    ({ responses }) => responses[0]!.status,
    (error: unknown) => {
      if (error instanceof ApiRequestError) return error.status;
      throw error;
    },
  );
}

describe.each(ENGINES)('vault routes on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

  describe('folders', () => {
    const folderTree = async (member: TestMember, vaultId: string) => {
      const { folders } = await member.api.call(listFoldersRoute, { query: { vaultId } });
      return Object.fromEntries(folders.map((folder) => [folder.name, { parent: folders.find((parent) => parent.id === folder.parentId)?.name ?? null, trashed: folder.deletedAt !== null }]));
    };
    const deletedAt = async (itemId: string) => (await w.owner.api.call(getItemRoute, { params: { id: itemId } })).deletedAt;

    it.skipIf(!available)('nest, rename, and move under another folder or back to the root', async () => {
      const vault = await newVault(w.owner);
      const a = await newFolder(w.owner, vault.vaultId, 'A');
      const b = await newFolder(w.owner, vault.vaultId, 'B', a.id);
      const c = await newFolder(w.owner, vault.vaultId, 'C', b.id);
      expect(await w.owner.api.call(updateFolderRoute, { params: { id: c.id }, body: { name: 'Cee' } })).toMatchObject({ name: 'Cee', parentId: b.id });
      expect(await w.owner.api.call(updateFolderRoute, { params: { id: c.id }, body: { parentId: a.id } })).toMatchObject({ name: 'Cee', parentId: a.id });
      await w.owner.api.call(updateFolderRoute, { params: { id: b.id }, body: { parentId: null } });
      expect(await folderTree(w.owner, vault.vaultId)).toEqual({ A: { parent: null, trashed: false }, B: { parent: null, trashed: false }, Cee: { parent: 'A', trashed: false } });
    });

    it.skipIf(!available)('a folder cannot move into its own subtree: 409 conflict', async () => {
      const vault = await newVault(w.owner);
      const a = await newFolder(w.owner, vault.vaultId, 'A');
      const b = await newFolder(w.owner, vault.vaultId, 'B', a.id);
      const c = await newFolder(w.owner, vault.vaultId, 'C', b.id);
      const moveUnder = (id: string, parentId: string) => w.owner.api.call(updateFolderRoute, { params: { id }, body: { parentId } });
      await expectRefusal(moveUnder(a.id, c.id), { status: 409, code: 'conflict', field: 'body.parentId' });
      await expectRefusal(moveUnder(a.id, a.id), { status: 409, code: 'conflict', field: 'body.parentId' });
      expect(await folderTree(w.owner, vault.vaultId)).toEqual({ A: { parent: null, trashed: false }, B: { parent: 'A', trashed: false }, C: { parent: 'B', trashed: false } });
    });

    it.skipIf(!available)('trash takes subfolders and their items; restore brings back exactly what went with it', async () => {
      const vault = await newVault(w.owner);
      const a = await newFolder(w.owner, vault.vaultId, 'A');
      const b = await newFolder(w.owner, vault.vaultId, 'B', a.id);
      const c = await newFolder(w.owner, vault.vaultId, 'C', a.id);
      const inA = await newItem(w.owner, vault, { folderId: a.id });
      const inB = await newItem(w.owner, vault, { folderId: b.id });
      const earlier = await newItem(w.owner, vault, { folderId: b.id });
      const elsewhere = await newItem(w.owner, vault);
      await w.owner.api.call(trashItemRoute, { params: { id: earlier.id } });
      await w.owner.api.call(trashFolderRoute, { params: { id: c.id } });
      const earlierStamp = await deletedAt(earlier.id);

      const trashed = await w.owner.api.call(trashFolderRoute, { params: { id: a.id } });
      expect(await folderTree(w.owner, vault.vaultId)).toEqual({ A: { parent: null, trashed: true }, B: { parent: 'A', trashed: true }, C: { parent: 'A', trashed: true } });
      expect([await deletedAt(inA.id), await deletedAt(inB.id), await deletedAt(elsewhere.id)]).toEqual([trashed.deletedAt, trashed.deletedAt, null]);

      expect((await w.owner.api.call(restoreFolderRoute, { params: { id: a.id } })).deletedAt).toBeNull();
      expect(await folderTree(w.owner, vault.vaultId)).toEqual({ A: { parent: null, trashed: false }, B: { parent: 'A', trashed: false }, C: { parent: 'A', trashed: true } });
      expect([await deletedAt(inA.id), await deletedAt(inB.id), await deletedAt(earlier.id)]).toEqual([null, null, earlierStamp]);
      await expectRefusal(w.owner.api.call(restoreFolderRoute, { params: { id: a.id } }), { status: 409, code: 'conflict' });
    });

    it.skipIf(!available)('purge only from the trash (409 otherwise), with subfolders and their items', async () => {
      const vault = await newVault(w.owner);
      const a = await newFolder(w.owner, vault.vaultId, 'A');
      const b = await newFolder(w.owner, vault.vaultId, 'B', a.id);
      const inB = await newItem(w.owner, vault, { folderId: b.id });
      const kept = await newItem(w.owner, vault);
      await expectRefusal(w.owner.api.call(purgeFolderRoute, { params: { id: a.id } }), { status: 409, code: 'conflict' });
      await w.owner.api.call(trashFolderRoute, { params: { id: a.id } });
      await w.owner.api.call(purgeFolderRoute, { params: { id: a.id } });
      expect(await folderTree(w.owner, vault.vaultId)).toEqual({});
      await expectRefusal(w.owner.api.call(getItemRoute, { params: { id: inB.id } }), notFound);
      expect((await w.owner.api.call(getItemRoute, { params: { id: kept.id } })).deletedAt).toBeNull();
    });
  });

  describe('items', () => {
    it.skipIf(!available)('a new item is revision 1: 409 conflict otherwise', async () => {
      const body = { ...(await sealedItem(w.shared)), revision: 2 };
      await expectRefusal(w.editor.api.call(createItemRoute, { body }), { status: 409, code: 'conflict', field: 'body.revision' });
    });

    it.skipIf(!available)('an update is the next revision: a skipped or stale revision is 409, so of two clients the second loses', async () => {
      const item = await newItem(w.editor, w.shared, { password: 'original' });
      const mine = await updateItem(item, w.shared, withPassword('mine'));
      const theirs = await updateItem(item, w.shared, withPassword('theirs'));
      const skipping = await updateItem(mine, w.shared, withPassword('skipping'));
      const put = (client: TestMember, body: typeof mine) => client.api.call(updateItemRoute, { params: { id: item.id }, body });
      await expectRefusal(put(w.editor, skipping), { status: 409, code: 'conflict', field: 'body.revision' });
      expect((await put(w.editor, mine)).revision).toBe(2);
      await expectRefusal(put(w.owner, theirs), { status: 409, code: 'conflict', field: 'body.revision' });
      expect(await passwordOf(await w.reader.api.call(getItemRoute, { params: { id: item.id } }), w.shared)).toBe('mine');
    });

    it.skipIf(!available)('every update keeps a snapshot; a restored snapshot is saved as the next revision', async () => {
      let item = await newItem(w.editor, w.shared, { password: 'one' });
      for (const password of ['two', 'three']) item = await w.editor.api.call(updateItemRoute, { params: { id: item.id }, body: await updateItem(item, w.shared, withPassword(password)) });
      const revisions = async () => (await w.reader.api.call(listSnapshotsRoute, { params: { id: item.id } })).snapshots.map((snapshot) => snapshot.revision);
      expect(await revisions()).toEqual([2, 1]);

      const { item: first } = await w.reader.api.call(getSnapshotRoute, { params: { id: item.id, revision: 1 } });
      const restored = await w.editor.api.call(updateItemRoute, { params: { id: item.id }, body: await restoreSnapshot(item, w.shared, first) });
      expect(restored.revision).toBe(4);
      expect(await passwordOf(restored, w.shared)).toBe('one');
      expect(await revisions()).toEqual([3, 2, 1]);
      await expectRefusal(w.reader.api.call(getSnapshotRoute, { params: { id: item.id, revision: 4 } }), { status: 404, code: 'notFound', field: 'param.revision' });
    });

    it.skipIf(!available)('trash, restore and purge (purge only from the trash; full access, not edit)', async () => {
      const item = await newItem(w.editor, w.shared);
      const params = { id: item.id };
      await expectRefusal(w.editor.api.call(trashItemRoute, { params }), { status: 403, code: 'forbidden' });
      await expectRefusal(w.full.api.call(purgeItemRoute, { params }), { status: 409, code: 'conflict' });
      await expectRefusal(w.full.api.call(restoreItemRoute, { params }), { status: 409, code: 'conflict' });
      expect((await w.full.api.call(trashItemRoute, { params })).deletedAt).toEqual(expect.any(Number));
      await expectRefusal(w.editor.api.call(updateItemRoute, { params, body: await updateItem(item, w.shared, withPassword('x')) }), { status: 409, code: 'conflict' });
      await expectRefusal(w.editor.api.call(restoreItemRoute, { params }), { status: 403, code: 'forbidden' });
      expect((await w.full.api.call(restoreItemRoute, { params })).deletedAt).toBeNull();
      await w.full.api.call(trashItemRoute, { params });
      await w.full.api.call(purgeItemRoute, { params });
      await expectRefusal(w.reader.api.call(getItemRoute, { params: { id: item.id } }), notFound);
      await expectRefusal(w.reader.api.call(listSnapshotsRoute, { params: { id: item.id } }), notFound);
    });

    it.skipIf(!available)('the entry key is wrapped under the vault key version in use: 409 otherwise', async () => {
      const sealed = await sealedItem(w.shared);
      const body = { ...sealed, entryKey: { ...sealed.entryKey, vaultKeyVersion: 2 } };
      await expectRefusal(w.editor.api.call(createItemRoute, { body }), { status: 409, code: 'conflict', field: 'body.entryKey.vaultKeyVersion' });
    });

    it.skipIf(!available)('a folder of another vault: 404 naming body.folderId', async () => {
      const other = await newVault(w.owner);
      const folder = await newFolder(w.owner, other.vaultId);
      await expectRefusal(w.owner.api.call(createItemRoute, { body: await sealedItem(w.shared, { folderId: folder.id }) }), { status: 404, code: 'notFound', field: 'body.folderId' });
    });
  });

  describe('vaults', () => {
    it.skipIf(!available)('deleting a vault takes its folders and items, and members see it go in their sync', async () => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.reader, 'read');
      const folder = await newFolder(w.owner, vault.vaultId);
      const item = await newItem(w.owner, vault, { folderId: folder.id });
      const { cursor } = await w.reader.api.call(syncRoute, { query: {} });
      await w.owner.api.call(deleteVaultRoute, { params: { id: vault.vaultId } });
      await expectRefusal(w.owner.api.call(getItemRoute, { params: { id: item.id } }), notFound);
      await expectRefusal(w.owner.api.call(listFoldersRoute, { query: { vaultId: vault.vaultId } }), notFound);
      await expectRefusal(w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } }), notFound);
      expect((await w.reader.api.call(syncRoute, { query: { cursor } })).removed.vaults).toEqual([vault.vaultId]);
    });
  });


  describe('batch', () => {
    const batch = (requests: BatchRequest[]) => w.editor.api.call(batchRoute, { body: { requests } });
    const vaultPath = () => `/api/v1/vaults/${w.shared.vaultId}`;

    it.skipIf(!available)('runs its sub-requests in order, each with its own status', async () => {
      const id = newId();
      const { responses } = await batch([
        { method: 'GET', path: vaultPath() },
        { method: 'POST', path: '/api/v1/folders', body: { id, vaultId: w.shared.vaultId, name: 'From a batch' } },
        { method: 'GET', path: `/api/v1/items/${newId()}` },
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 201, 404]);
      expect(responses[1]!.body).toMatchObject({ id, name: 'From a batch' });
      const { folders } = await w.reader.api.call(listFoldersRoute, { query: { vaultId: w.shared.vaultId } });
      expect(folders.map((folder) => folder.id)).toContain(id);
    });

    it.skipIf(!available)('at most 25 sub-requests: 26 are a 400', async () => {
      const get = { method: 'GET' as const, path: vaultPath() };
      expect((await batch(Array.from({ length: 25 }, () => get))).responses).toHaveLength(25);
      await expectRefusal(batch(Array.from({ length: 26 }, () => get)), { status: 400, code: 'validationFailed', field: 'body.requests' });
    });

    it.skipIf(!available)('a batch cannot contain a batch: 400', async () => {
      const inner = { requests: [{ method: 'GET', path: vaultPath() }] };
      for (const path of ['/api/v1/batch', '/api/v1/batch?again=1']) {
        await expectRefusal(batch([{ method: 'POST', path, body: inner }]), { status: 400, code: 'validationFailed', field: 'body.requests.0.path' });
      }
    });

    // Server bug (both engines): sub-request paths are checked before `new URL` resolves their dot
    // segments, so "/api/v1/vaults/../batch" runs a nested batch (25 × 25 × … calls from one request)…
    it.skipIf(!available)('dot segments do not lead a sub-request into a batch', async () => {
      const inner = { requests: [{ method: 'GET', path: vaultPath() }] };
      expect(await subRequestStatus(batch([{ method: 'POST', path: '/api/v1/vaults/../batch', body: inner }]))).toBeGreaterThanOrEqual(400);
    });

    // … and "/api/v1/../../metrics" serves the metrics that operators keep behind their proxy.
    it.skipIf(!available)('dot segments do not lead a sub-request out of the API', async () => {
      expect(await subRequestStatus(batch([{ method: 'GET', path: '/api/v1/../../metrics' }]))).toBeGreaterThanOrEqual(400);
    });
  });

  describe('sync', () => {
    it.skipIf(!available)('after a cursor: only what changed, then what was removed', async () => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.reader, 'read');
      const kept = await newItem(w.owner, vault, { password: 'one' });
      const purged = await newItem(w.owner, vault);
      const first = await w.reader.api.call(syncRoute, { query: {} });
      await w.owner.api.call(updateItemRoute, { params: { id: kept.id }, body: await updateItem(kept, vault, withPassword('two')) });
      await w.owner.api.call(trashItemRoute, { params: { id: purged.id } });
      await w.owner.api.call(purgeItemRoute, { params: { id: purged.id } });

      const second = await w.reader.api.call(syncRoute, { query: { cursor: first.cursor } });
      expect(second).toMatchObject({ full: false, vaults: [], removed: { vaults: [], folders: [], items: [purged.id] } });
      expect(second.items.map((item) => [item.id, item.revision])).toEqual([[kept.id, 2]]);

      await w.owner.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.reader.userId } });
      const third = await w.reader.api.call(syncRoute, { query: { cursor: second.cursor } });
      expect(third).toMatchObject({ items: [], removed: { vaults: [vault.vaultId] } });
    });
  });

});
