import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInput } from '../../lib/api/client';
import { createFolderRoute } from '../../lib/contract/folders';
import { createItemRoute, getItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { getVaultRoute, listVaultMembersRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from '../../lib/contract/vaults';
import { updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { expectRefusal, notFound, type Refusal } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newFolder, newItem, newVault, sealedItem, shareWith, withPassword, type ItemChanges, type VaultWorld } from '../helpers/vault-fixtures';

// Issue #5 over HTTP on both engines, what the route table (vault-routes.test.ts) cannot show:
// what each access level may do, search, and the master key hash header.

type SearchQuery = NonNullable<RouteInput<typeof searchItemsRoute>['query']>;

describe.each(ENGINES)('vault routes on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

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
      const wrap = await wrapVaultKey(w.shared, await w.organisation.certifiedMember(w.outsider.userId), w.editor.granter);
      await expectRefusal(w.editor.api.call(putVaultMemberRoute, { params: { id: w.shared.vaultId, userId: w.outsider.userId }, body: { level: 'read', wrap } }), forbidden);
      await expectRefusal(w.editor.api.call(removeVaultMemberRoute, { params: { id: w.shared.vaultId, userId: w.reader.userId } }), forbidden);
      await expectRefusal(w.outsider.api.call(getVaultRoute, { params: { id: w.shared.vaultId } }), notFound);
    });

    it.skipIf(!available)('full: sees who has access and renames the vault, but shares nothing and removes nobody (403); administrators share', async () => {
      const vault = await newVault(w.owner);
      await shareWith(w, vault, w.owner, w.full, 'full');
      const held = await w.organisation.openVault(w.full, vault.vaultId);
      const wrap = await wrapVaultKey(held, await w.organisation.certifiedMember(w.editor.userId), w.full.granter);
      await expectRefusal(w.full.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: w.editor.userId }, body: { level: 'edit', wrap } }), forbidden);
      await expectRefusal(w.full.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: w.owner.userId } }), forbidden);
      expect((await w.full.api.call(listVaultMembersRoute, { params: { id: vault.vaultId } })).members.map((member) => member.login)).toEqual(['full@acme.test', 'owner@acme.test']);
      expect((await w.full.api.call(renameVaultRoute, { params: { id: vault.vaultId }, body: { name: 'Renamed by full access' } })).name).toBe('Renamed by full access');
      expect(await shareWith(w, vault, w.owner, w.editor, 'edit')).toMatchObject({ level: 'edit', grantedBy: w.owner.userId, hasKey: true });
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
      await shareWith(w, vault, w.owner, w.full, 'admin');
      const ownersWrap = await wrapVaultKey(vault, await w.organisation.certifiedMember(w.reader.userId), w.owner.granter);
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
