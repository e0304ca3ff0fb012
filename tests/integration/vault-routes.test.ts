import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, type RouteInput, type RouteOutput } from '../../lib/api/client';
import { batchRoute } from '../../lib/contract/batch';
import { disableMfaRoute } from '../../lib/contract/mfa';
import { ROUTES } from '../../lib/contract/routes';
import { createFolderRoute, listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../../lib/contract/folders';
import { createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, restoreItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { createVaultRoute, deleteVaultRoute, getVaultRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from '../../lib/contract/vaults';
import { moveItem, openItem, updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { openSnapshot, restoreSnapshot } from '../../lib/vault/snapshot';
import { prepareVault, shareVault, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import type { TestMember } from '../helpers/organisation';
import { ENGINES } from '../helpers/test-database';
import {
  anonymousClient,
  createVaultWorld,
  newFolder,
  newItem,
  newVault,
  openAs,
  passwordOf,
  sealedItem,
  shareWith,
  withPassword,
  wrongHashClient,
  type ItemChanges,
  type VaultWorld,
} from '../helpers/vault-fixtures';

// Issue #5 over HTTP on both engines: every vault, folder, item, sync and batch route through one
// table (success, no token, wrong master key hash, a member outside the vault, invalid input), then
// the behaviour the table cannot show: trash and restore, revisions, access levels, search, batch.

/** What a refused call must answer. */
interface Refusal {
  status: number;
  code: string;
  field?: string;
}

type LooseInput = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** One route: a way to build a valid request and what each kind of caller gets for it. */
interface RouteCase<R extends RouteConfig> {
  route: R;
  /** Who makes the successful call (the owner unless said). */
  actor?: (w: VaultWorld) => TestMember;
  /** A request that succeeds, on fresh fixtures wherever the call changes them. */
  valid(w: VaultWorld): Promise<RouteInput<R>>;
  /** What the caller notices when it succeeds. */
  succeeded(output: RouteOutput<R>, input: RouteInput<R>, w: VaultWorld): unknown;
  /** The outsider sending the same request: refused, or answered without anything of the vault. */
  outsider: Refusal | ((output: RouteOutput<R>, w: VaultWorld) => unknown);
  /** The request made invalid (its input, or a header), and the field the 400 names. */
  /** Absent only for a route that takes no input at all (GET /vaults: its master key hash is checked as such). */
  invalid?: { field: string; spoil?: (input: RouteInput<R>) => LooseInput };
  /** Batch only: a wrong master key hash is reported per sub-request, not for the batch. */
  wrongHash?: (output: RouteOutput<R>) => unknown;
}

type Case = RouteCase<RouteConfig> & { name: string };
type SearchQuery = NonNullable<RouteInput<typeof searchItemsRoute>['query']>;
type BatchRequest = NonNullable<RouteInput<typeof batchRoute>['body']>['requests'][number];
const routeName = (route: RouteConfig) => `${route.method.toUpperCase()} ${route.path}`;
const routeCase = <R extends RouteConfig>(c: RouteCase<R>): Case => ({ ...c, name: routeName(c.route) }) as unknown as Case;

const notFound: Refusal = { status: 404, code: 'notFound' };
const BAD_ID = 'no!';

/** Fails unless `promise` rejects with exactly this status and code (and field, when given). */
async function expectRefusal(promise: Promise<unknown>, refusal: Refusal): Promise<void> {
  const error = await errorOf(promise);
  expect({ status: error.status, code: error.code, field: error.errors[0]?.field }).toEqual({ field: refusal.field ?? null, ...refusal });
}

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

const withParam = <I extends { params?: object }>(input: I, changes: Record<string, unknown>): LooseInput => ({ ...input, params: { ...input.params, ...changes } });
const withBody = <I extends { body?: unknown }>(input: I, changes: Record<string, unknown>): LooseInput => ({ ...input, body: { ...(input.body as object), ...changes } });
const badId = { field: 'param.id', spoil: (input: { params?: object }) => withParam(input, { id: BAD_ID }) };

/** A fresh item of the shared vault, made by the editor and saved once more (snapshot: revision 1). */
async function updatedOnce(w: VaultWorld) {
  const item = await newItem(w.editor, w.shared, { password: 'first' });
  return w.editor.api.call(updateItemRoute, { params: { id: item.id }, body: await updateItem(item, w.shared, withPassword('second')) });
}

const vaultCases = [
  routeCase({
    route: listVaultsRoute,
    actor: (w) => w.reader,
    valid: async () => ({}),
    succeeded: ({ vaults }, _, w) => expect(vaults.find((vault) => vault.id === w.shared.vaultId)).toMatchObject({ name: 'Engineering', kind: 'company', level: 'read' }),
    outsider: ({ vaults }, w) => expect(vaults.map((vault) => vault.id)).not.toContain(w.shared.vaultId),
  }),
  routeCase({
    route: createVaultRoute,
    valid: async (w) => ({ body: (await prepareVault({ id: newId(), kind: 'private', name: '  Personal  ', me: w.owner.certified, signingKey: w.owner.keys.signing.privateKey })).request }),
    succeeded: async (vault, input, w) => {
      expect(vault).toMatchObject({ id: input.body!.id, kind: 'private', name: 'Personal', keyVersion: 1, level: 'admin', createdBy: w.owner.userId });
      expect((await openAs(w, w.owner, vault.id)).version).toBe(1);
    },
    // Replaying someone else's creation: the key is not wrapped to the caller.
    outsider: { status: 400, code: 'validationFailed', field: 'body.wraps' },
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '   ' }) },
  }),
  routeCase({
    route: getVaultRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: w.shared.vaultId } }),
    succeeded: async (served, _, w) => {
      expect(served.vault).toMatchObject({ id: w.shared.vaultId, name: 'Engineering', level: 'read' });
      expect(served.wrap).toMatchObject({ recipientId: w.reader.userId, granterId: w.owner.userId, keyVersion: 1 });
      expect(served.granter?.userId).toBe(w.owner.userId);
      expect((await openAs(w, w.reader, w.shared.vaultId)).raw).toEqual(w.shared.raw);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: renameVaultRoute,
    valid: async (w) => ({ params: { id: (await newVault(w.owner, { name: 'Old name' })).vaultId }, body: { name: ' New name ' } }),
    succeeded: async (vault, input, w) => {
      expect(vault).toMatchObject({ id: input.params!.id, name: 'New name', level: 'admin' });
      expect((await w.owner.api.call(getVaultRoute, { params: { id: vault.id } })).vault.name).toBe('New name');
    },
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '' }) },
  }),
  routeCase({
    route: deleteVaultRoute,
    valid: async (w) => ({ params: { id: (await newVault(w.owner)).vaultId } }),
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.owner.api.call(getVaultRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: listVaultMembersRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ params: { id: w.shared.vaultId } }),
    succeeded: ({ members }) =>
      expect(members.map(({ login, level, hasKey }) => [login, level, hasKey])).toEqual([
        ['editor@acme.test', 'edit', true],
        ['full@acme.test', 'full', true],
        ['owner@acme.test', 'admin', true],
        ['reader@acme.test', 'read', true],
      ]),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: putVaultMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      const wrap = await shareVault(vault, await w.organisation.certifiedMember(w.editor.userId), w.owner.granter);
      return { params: { id: vault.vaultId, userId: w.editor.userId }, body: { level: 'edit' as const, wrap } };
    },
    succeeded: async (member, input, w) => {
      expect(member).toEqual({ userId: w.editor.userId, login: 'editor@acme.test', level: 'edit', grantedBy: w.owner.userId, hasKey: true });
      expect((await w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } })).vault.level).toBe('edit');
    },
    outsider: notFound,
    invalid: { field: 'body.level', spoil: (input) => withBody(input, { level: 'owner' }) },
  }),
  routeCase({
    route: removeVaultMemberRoute,
    valid: async (w) => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.editor, 'edit');
      return { params: { id: vault.vaultId, userId: w.editor.userId } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      await expectRefusal(w.editor.api.call(getVaultRoute, { params: { id: input.params!.id } }), notFound);
    },
    outsider: notFound,
    invalid: { field: 'param.userId', spoil: (input) => withParam(input, { userId: BAD_ID }) },
  }),
];

const folderCases = [
  routeCase({
    route: listFoldersRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ query: { vaultId: w.shared.vaultId } }),
    succeeded: ({ folders }, _, w) => expect(folders).toContainEqual(w.sharedFolder),
    outsider: notFound,
    invalid: { field: 'query.vaultId', spoil: () => ({ query: {} }) },
  }),
  routeCase({
    route: createFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ body: { id: newId(), vaultId: w.shared.vaultId, parentId: w.sharedFolder.id, name: ' Databases ' } }),
    succeeded: (folder, input, w) => expect(folder).toMatchObject({ id: input.body!.id, vaultId: w.shared.vaultId, parentId: w.sharedFolder.id, name: 'Databases', deletedAt: null }),
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => withBody(input, { name: '' }) },
  }),
  routeCase({
    route: updateFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ params: { id: (await newFolder(w.editor, w.shared.vaultId, 'Old')).id }, body: { name: 'New' } }),
    succeeded: async (folder, input, w) => {
      expect(folder).toMatchObject({ id: input.params!.id, name: 'New', parentId: null });
      const { folders } = await w.reader.api.call(listFoldersRoute, { query: { vaultId: w.shared.vaultId } });
      expect(folders.find((candidate) => candidate.id === folder.id)?.name).toBe('New');
    },
    outsider: notFound,
    invalid: { field: 'body.name', spoil: (input) => ({ ...input, body: {} }) },
  }),
  routeCase({
    route: trashFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => ({ params: { id: (await newFolder(w.editor, w.shared.vaultId)).id } }),
    succeeded: (folder) => expect(folder.deletedAt).toEqual(expect.any(Number)),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: restoreFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => {
      const folder = await newFolder(w.editor, w.shared.vaultId);
      await w.editor.api.call(trashFolderRoute, { params: { id: folder.id } });
      return { params: { id: folder.id } };
    },
    succeeded: (folder) => expect(folder.deletedAt).toBeNull(),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: purgeFolderRoute,
    actor: (w) => w.editor,
    valid: async (w) => {
      const folder = await newFolder(w.editor, w.shared.vaultId);
      await w.editor.api.call(trashFolderRoute, { params: { id: folder.id } });
      return { params: { id: folder.id } };
    },
    succeeded: async (output, input, w) => {
      expect(output).toBeUndefined();
      const { folders } = await w.editor.api.call(listFoldersRoute, { query: { vaultId: w.shared.vaultId } });
      expect(folders.map((folder) => folder.id)).not.toContain(input.params!.id);
    },
    outsider: notFound,
    invalid: badId,
  }),
];

const itemCases = [
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
      expect(await passwordOf(item, await openAs(w, w.reader, w.shared.vaultId))).toBe('correct horse');
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
      expect(await passwordOf(item, await openAs(w, w.owner, item.vaultId))).toBe('moving');
    },
    outsider: notFound,
    invalid: { field: 'body.metadataMac', spoil: (input) => withBody(input, { metadataMac: undefined }) },
  }),
  routeCase({
    route: trashItemRoute,
    actor: (w) => w.editor,
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
    actor: (w) => w.editor,
    valid: async (w) => {
      const item = await newItem(w.editor, w.shared);
      await w.editor.api.call(trashItemRoute, { params: { id: item.id } });
      return { params: { id: item.id } };
    },
    succeeded: (item) => expect(item.deletedAt).toBeNull(),
    outsider: notFound,
    invalid: badId,
  }),
  routeCase({
    route: purgeItemRoute,
    actor: (w) => w.editor,
    valid: async (w) => {
      const item = await newItem(w.editor, w.shared);
      await w.editor.api.call(trashItemRoute, { params: { id: item.id } });
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

const syncAndBatchCases = [
  routeCase({
    route: syncRoute,
    actor: (w) => w.reader,
    valid: async () => ({ query: {} }),
    succeeded: async (sync, _, w) => {
      expect(sync).toMatchObject({ full: true, removed: { vaults: [], folders: [], items: [] }, pendingGrants: [] });
      expect(sync.vaults.find((vault) => vault.id === w.shared.vaultId)?.level).toBe('read');
      expect(sync.wraps.map((wrap) => wrap.subjectId)).toContain(w.shared.vaultId);
      expect(sync.certificates.map((certificate) => certificate.userId)).toContain(w.owner.userId);
      expect(sync.folders).toContainEqual(w.sharedFolder);
      expect(sync.items.map((item) => item.id)).toContain(w.sharedItem.id);
      const next = await w.reader.api.call(syncRoute, { query: { cursor: sync.cursor } });
      expect(next).toMatchObject({ full: false, vaults: [], folders: [], items: [], wraps: [] });
    },
    outsider: (sync, w) => {
      expect(sync.vaults.map((vault) => vault.id)).not.toContain(w.shared.vaultId);
      expect(sync.wraps.map((wrap) => wrap.subjectId)).not.toContain(w.shared.vaultId);
      expect([...sync.folders, ...sync.items].filter((row) => row.vaultId === w.shared.vaultId)).toEqual([]);
    },
    invalid: { field: 'query.cursor', spoil: () => ({ query: { cursor: 'from the start' } }) },
  }),
  routeCase({
    route: batchRoute,
    actor: (w) => w.reader,
    valid: async (w) => ({ body: { requests: [{ method: 'GET' as const, path: `/api/v1/vaults/${w.shared.vaultId}` }] } }),
    succeeded: ({ responses }, _, w) => expect(responses).toMatchObject([{ status: 200, body: { vault: { id: w.shared.vaultId, level: 'read' } } }]),
    outsider: ({ responses }) => expect(responses).toMatchObject([{ status: 404, body: { errors: [{ code: 'notFound' }] } }]),
    wrongHash: ({ responses }) => expect(responses).toMatchObject([{ status: 403, body: { errors: [{ code: 'masterKeyHashMismatch' }] } }]),
    invalid: { field: 'body.requests', spoil: () => ({ body: { requests: [] } }) },
  }),
];

const ROUTE_CASES = [...vaultCases, ...folderCases, ...itemCases, ...syncAndBatchCases];

it('the table has one case for each vault, folder, item, sync and batch route of the contract', () => {
  const routes = ROUTES.slice(ROUTES.indexOf(disableMfaRoute) + 1);
  expect(routes).toHaveLength(26);
  expect(ROUTE_CASES.map((c) => c.name)).toEqual(routes.map(routeName));
});

describe.each(ENGINES)('vault routes on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

  describe.each(ROUTE_CASES)('$name', (c) => {
    const actor = () => (c.actor ?? ((world: VaultWorld) => world.owner))(w);
    /** The valid request succeeds for its actor (also after a refusal: the refused call changed nothing). */
    const succeeds = async (input: RouteInput<RouteConfig>) => c.succeeded(await actor().api.call(c.route, input), input, w);

    it.skipIf(!available)('succeeds', async () => {
      await succeeds(await c.valid(w));
    });

    it.skipIf(!available)('without a token: 401 unauthenticated', async () => {
      const input = await c.valid(w);
      await expectRefusal(anonymousClient(w.server, actor()).call(c.route, input), { status: 401, code: 'unauthenticated' });
      await succeeds(input);
    });

    it.skipIf(!available)('with another master key hash: 403 masterKeyHashMismatch', async () => {
      const input = await c.valid(w);
      const call = wrongHashClient(w.server, actor()).call(c.route, input);
      if (c.wrongHash) c.wrongHash(await call);
      else await expectRefusal(call, { status: 403, code: 'masterKeyHashMismatch' });
      await succeeds(input);
    });

    it.skipIf(!available)('for a member outside the vault: refused or nothing of it', async () => {
      const input = await c.valid(w);
      const call = w.outsider.api.call(c.route, input);
      if (typeof c.outsider === 'function') await c.outsider(await call, w);
      else await expectRefusal(call, c.outsider);
      await succeeds(input);
    });

    const invalid = c.invalid;
    if (invalid) {
      it.skipIf(!available)(`invalid input: 400 validationFailed naming ${invalid.field}`, async () => {
        const input = await c.valid(w);
        const spoilt = (invalid.spoil?.(input) ?? input) as RouteInput<RouteConfig>;
        await expectRefusal(actor().api.call(c.route, spoilt), { status: 400, code: 'validationFailed', field: invalid.field });
        await succeeds(input);
      });
    }
  });

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

    it.skipIf(!available)('trash, restore and purge (purge only from the trash)', async () => {
      const item = await newItem(w.editor, w.shared);
      const params = { id: item.id };
      await expectRefusal(w.editor.api.call(purgeItemRoute, { params }), { status: 409, code: 'conflict' });
      await expectRefusal(w.editor.api.call(restoreItemRoute, { params }), { status: 409, code: 'conflict' });
      expect((await w.editor.api.call(trashItemRoute, { params })).deletedAt).toEqual(expect.any(Number));
      await expectRefusal(w.editor.api.call(updateItemRoute, { params, body: await updateItem(item, w.shared, withPassword('x')) }), { status: 409, code: 'conflict' });
      expect((await w.editor.api.call(restoreItemRoute, { params })).deletedAt).toBeNull();
      await w.editor.api.call(trashItemRoute, { params });
      await w.editor.api.call(purgeItemRoute, { params });
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

  describe('access levels', () => {
    const forbidden: Refusal = { status: 403, code: 'forbidden' };
    const conflict: Refusal = { status: 409, code: 'conflict' };
    const levelsIn = async (vaultId: string) => Object.fromEntries((await w.owner.api.call(listVaultMembersRoute, { params: { id: vaultId } })).members.map((member) => [member.login, member.level]));

    it.skipIf(!available)('read: may read, not write (403 forbidden)', async () => {
      const { reader, shared, sharedItem } = w;
      expect((await reader.api.call(getItemRoute, { params: { id: sharedItem.id } })).revision).toBe(1);
      await expectRefusal(reader.api.call(createItemRoute, { body: await sealedItem(shared) }), forbidden);
      await expectRefusal(reader.api.call(updateItemRoute, { params: { id: sharedItem.id }, body: await updateItem(sharedItem, shared, withPassword('mine now')) }), forbidden);
      await expectRefusal(reader.api.call(trashItemRoute, { params: { id: sharedItem.id } }), forbidden);
      await expectRefusal(reader.api.call(createFolderRoute, { body: { id: newId(), vaultId: shared.vaultId, name: 'Mine' } }), forbidden);
      expect((await reader.api.call(getItemRoute, { params: { id: sharedItem.id } })).revision).toBe(1);
    });

    it.skipIf(!available)('edit: may write, not share (403 forbidden)', async () => {
      const wrap = await shareVault(w.shared, await w.organisation.certifiedMember(w.outsider.userId), w.editor.granter);
      await expectRefusal(w.editor.api.call(putVaultMemberRoute, { params: { id: w.shared.vaultId, userId: w.outsider.userId }, body: { level: 'read', wrap } }), forbidden);
      await expectRefusal(w.editor.api.call(removeVaultMemberRoute, { params: { id: w.shared.vaultId, userId: w.reader.userId } }), forbidden);
      await expectRefusal(w.outsider.api.call(getVaultRoute, { params: { id: w.shared.vaultId } }), notFound);
    });

    it.skipIf(!available)('full: shares at edit, but neither grants administrator nor removes an administrator', async () => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.full, 'full');
      const held = await openAs(w, w.full, vault.vaultId);
      expect(await shareWith(w, held, w.full, w.editor, 'edit')).toMatchObject({ level: 'edit', grantedBy: w.full.userId, hasKey: true });
      expect((await openAs(w, w.editor, vault.vaultId)).raw).toEqual(vault.raw);
      await expectRefusal(w.full.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: w.editor.userId }, body: { level: 'admin' } }), forbidden);
      await expectRefusal(w.full.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.owner.userId } }), forbidden);
      expect(await levelsIn(vault.vaultId)).toEqual({ 'owner@acme.test': 'admin', 'full@acme.test': 'full', 'editor@acme.test': 'edit' });
    });

    it.skipIf(!available)('company vaults keep the organisation administrators as administrators (409)', async () => {
      const vault = await newVault(w.owner, { kind: 'company' });
      await shareWith(w, vault, w.owner, w.editor, 'admin');
      await expectRefusal(w.editor.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.owner.userId } }), conflict);
      await expectRefusal(w.editor.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: w.owner.userId }, body: { level: 'edit' } }), conflict);
      await expectRefusal(w.owner.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.owner.userId } }), conflict);
      expect(await levelsIn(vault.vaultId)).toEqual({ 'owner@acme.test': 'admin', 'editor@acme.test': 'admin' });
    });

    it.skipIf(!available)('a vault keeps at least one administrator (409)', async () => {
      const vault = await newVault(w.editor);
      await shareWith(w, vault, w.editor, w.reader, 'full');
      await expectRefusal(w.editor.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.editor.userId } }), conflict);
      expect((await w.editor.api.call(getVaultRoute, { params: { id: vault.vaultId } })).vault.level).toBe('admin');
    });

    it.skipIf(!available)('sharing with someone who holds no wrap of the key needs one: 400 naming body.wrap', async () => {
      const vault = await newVault(w.owner);
      await expectRefusal(w.owner.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: w.reader.userId }, body: { level: 'read' } }), { status: 400, code: 'validationFailed', field: 'body.wrap' });
      await expectRefusal(w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } }), notFound);
    });

    it.skipIf(!available)('a wrap signed by anyone but the caller: 400 invalidKeys', async () => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.full, 'full');
      const ownersWrap = await shareVault(vault, await w.organisation.certifiedMember(w.reader.userId), w.owner.granter);
      const share = (wrap: typeof ownersWrap) => w.full.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: w.reader.userId }, body: { level: 'read', wrap } });
      await expectRefusal(share(ownersWrap), { status: 400, code: 'invalidKeys', field: 'body.wrap' });
      // Claiming to be the granter does not help: the signature is the owner's.
      await expectRefusal(share({ ...ownersWrap, granterId: w.full.userId }), { status: 400, code: 'invalidKeys', field: 'body.wrap' });
      await expectRefusal(w.reader.api.call(getVaultRoute, { params: { id: vault.vaultId } }), notFound);
    });
  });

  describe('search', () => {
    let vault: HeldVaultKey;
    let other: HeldVaultKey;
    let folderId: string;
    const add = (key: HeldVaultKey, name: string, changes: ItemChanges = {}) => newItem(w.owner, key, { name, login: '', urls: [], ...changes });
    const names = async (query: SearchQuery, member = w.owner) => (await member.api.call(searchItemsRoute, { query })).items.map((item) => item.name).sort();
    const inVault = (query: SearchQuery) => names({ vaultId: vault.vaultId, ...query });

    beforeAll(async () => {
      if (!available) return;
      [vault, other] = [await newVault(w.owner, { name: 'Search' }), await newVault(w.owner, { name: 'Other' })];
      folderId = (await newFolder(w.owner, vault.vaultId, 'Money')).id;
      await add(vault, 'GitHub', { login: 'alice@example.com', urls: [{ url: 'https://github.com/login', match: 'domain' }], tags: ['work', 'code'] });
      await add(vault, 'Bank', { login: 'Alice.B@example.net', urls: [{ url: 'https://online.bank.example/', match: 'host' }], tags: ['work', 'money'], folderId });
      for (const name of ['100% uptime', '1000 uptime', 'db_admin', 'dbxadmin', 'Zebra']) await add(vault, name);
      await add(vault, 'Pager', { tags: ['on_call'] });
      await add(vault, 'Pager too', { tags: ['onXcall'] });
      const old = await add(vault, 'Old GitHub', { tags: ['work'] });
      await w.owner.api.call(trashItemRoute, { params: { id: old.id } });
      await add(other, 'Zebra crossing');
    });

    it.skipIf(!available)('the query matches name, login and URL, whatever the case', async () => {
      expect(await inVault({ query: 'github' })).toEqual(['GitHub']);
      expect(await inVault({ query: 'ALICE.B@' })).toEqual(['Bank']);
      expect(await inVault({ query: 'Online.Bank' })).toEqual(['Bank']);
      expect(await inVault({ query: 'alice' })).toEqual(['Bank', 'GitHub']);
    });

    it.skipIf(!available)('tags: an item must carry every tag named', async () => {
      expect(await inVault({ tags: 'work' })).toEqual(['Bank', 'GitHub']);
      expect(await inVault({ tags: 'work,code' })).toEqual(['GitHub']);
      expect(await inVault({ tags: ' money , work ' })).toEqual(['Bank']);
      expect(await inVault({ tags: 'code,money' })).toEqual([]);
      expect(await inVault({ tags: 'on_call' })).toEqual(['Pager']);
    });

    it.skipIf(!available)('vaultId and folderId narrow the search', async () => {
      expect(await names({ query: 'zebra' })).toEqual(['Zebra', 'Zebra crossing']);
      expect(await names({ query: 'zebra', vaultId: vault.vaultId })).toEqual(['Zebra']);
      expect(await names({ query: 'zebra', vaultId: other.vaultId })).toEqual(['Zebra crossing']);
      expect(await names({ folderId })).toEqual(['Bank']);
    });

    it.skipIf(!available)('trash: excluded by default, included, or alone', async () => {
      expect(await inVault({ query: 'github' })).toEqual(['GitHub']);
      expect(await inVault({ query: 'github', trash: 'exclude' })).toEqual(['GitHub']);
      expect(await inVault({ query: 'github', trash: 'include' })).toEqual(['GitHub', 'Old GitHub']);
      expect(await inVault({ trash: 'only' })).toEqual(['Old GitHub']);
    });

    it.skipIf(!available)('a member never sees items of vaults they cannot open', async () => {
      const own = await newVault(w.outsider);
      await newItem(w.outsider, own, { name: 'Zebra of my own' });
      expect(await names({ query: 'zebra' }, w.outsider)).toEqual(['Zebra of my own']);
      expect(await names({ vaultId: vault.vaultId }, w.outsider)).toEqual([]);
      expect(await names({ tags: 'work', trash: 'include' }, w.reader)).toEqual([]);
    });

    it.skipIf(!available)('LIKE wildcards in the query are literal', async () => {
      expect(await inVault({ query: '100%' })).toEqual(['100% uptime']);
      expect(await inVault({ query: '%' })).toEqual(['100% uptime']);
      expect(await inVault({ query: 'db_a' })).toEqual(['db_admin']);
      // Tags are searched too: "on_call", not "onXcall".
      expect(await inVault({ query: 'n_c' })).toEqual(['Pager']);
    });

    // Server bug (both engines): urls and tags are searched as their JSON text, so the JSON keys and
    // the URL match modes ("url", "match", "domain", "host"...) match every item that has a URL.
    it.skipIf(!available)('the query matches what people see, not the JSON the server stores', async () => {
      expect(await inVault({ query: 'match' })).toEqual([]);
      expect(await inVault({ query: 'domain' })).toEqual([]);
    });

    // Server bug (SQLite): lower() there folds ASCII only while the query is folded in full, so a
    // name with a non-ASCII capital is not found even when typed exactly as stored.
    it.skipIf(!available)('names with non-ASCII letters are found as typed and in any case', async () => {
      const key = await newVault(w.owner);
      await add(key, 'Ärztekammer');
      expect(await names({ vaultId: key.vaultId, query: 'Ärztekammer' })).toEqual(['Ärztekammer']);
      expect(await names({ vaultId: key.vaultId, query: 'ärztekammer' })).toEqual(['Ärztekammer']);
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

  describe('master key hash header', () => {
    const listVaults = (headers: Record<string, string>) => fetch(`${w.server.url}/api/v1/vaults`, { headers: { authorization: `Bearer ${w.owner.accessToken}`, ...headers } });

    it.skipIf(!available)('is accepted under its alias X-Master-Key-Hash', async () => {
      expect((await listVaults({ 'x-master-key-hash': w.owner.masterKeyHash })).status).toBe(200);
    });

    it.skipIf(!available).each([['missing', {}], ['malformed', { 'passwork-masterkeyhash': 'not hex' }], ['another', { 'passwork-masterkeyhash': 'f'.repeat(64) }]])('%s: 403 masterKeyHashMismatch', async (_name, headers) => {
      const response = await listVaults(headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('masterKeyHashMismatch');
    });
  });
});
