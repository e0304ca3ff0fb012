import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchRoute } from '../../lib/contract/batch';
import { createFolderRoute } from '../../lib/contract/folders';
import { createItemRoute, getItemRoute, moveItemRoute, purgeItemRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { syncRoute, type SyncResponse } from '../../lib/contract/sync';
import { createVaultRoute, listVaultMembersRoute, putVaultMemberRoute, removeVaultMemberRoute, type AccessLevel } from '../../lib/contract/vaults';
import { moveItem, openItem, revealField, sealNewItem, updateItem, type ItemInput } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { openVaultKey, prepareVault, wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import { recordedEvents } from '../helpers/recorded-events';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Sync as a client uses it: a full answer replaces the cache; a delta is applied removals first,
// then upserts, and its cursor kept for next time. Whatever the interleaving of writers and
// readers, a reader that applies every delta must end with exactly what a full sync says.

/** A client's cache of what sync served. */
interface Cache {
  cursor: string | undefined;
  vaults: Map<string, SyncResponse['vaults'][number]>;
  wraps: Map<string, SyncResponse['wraps'][number]>;
  folders: Map<string, SyncResponse['folders'][number]>;
  items: Map<string, SyncResponse['items'][number]>;
}

const emptyCache = (): Cache => ({ cursor: undefined, vaults: new Map(), wraps: new Map(), folders: new Map(), items: new Map() });

function dropVault(cache: Cache, vaultId: string): void {
  cache.vaults.delete(vaultId);
  for (const [key, wrap] of cache.wraps) if (wrap.subjectId === vaultId) cache.wraps.delete(key);
  for (const [id, folder] of cache.folders) if (folder.vaultId === vaultId) cache.folders.delete(id);
  for (const [id, item] of cache.items) if (item.vaultId === vaultId) cache.items.delete(id);
}

/** Applies an answer as docs/api.md says: full replaces; otherwise removed first, then upserts. */
function apply(cache: Cache, answer: SyncResponse): void {
  if (answer.full) Object.assign(cache, emptyCache());
  for (const id of answer.removed.vaults) dropVault(cache, id);
  for (const id of answer.removed.folders) cache.folders.delete(id);
  for (const id of answer.removed.items) cache.items.delete(id);
  for (const vault of answer.vaults) cache.vaults.set(vault.id, vault);
  for (const wrap of answer.wraps) cache.wraps.set(`${wrap.subjectId}/${wrap.keyVersion}`, wrap);
  for (const folder of answer.folders) cache.folders.set(folder.id, folder);
  for (const item of answer.items) cache.items.set(item.id, item);
  cache.cursor = answer.cursor;
}

/** The cache's content, ordered, for comparing two caches. */
function contentOf(cache: Cache) {
  const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([, value]) => value);
  return { vaults: sorted(cache.vaults), wraps: sorted(cache.wraps), folders: sorted(cache.folders), items: sorted(cache.items) };
}

/** What a full sync says `member` may see now. */
async function serverState(member: TestMember) {
  const cache = emptyCache();
  apply(cache, await member.api.call(syncRoute, { query: {} }));
  return contentOf(cache);
}

const isEmptyDelta = (answer: SyncResponse) =>
  !answer.full && [answer.vaults, answer.wraps, answer.folders, answer.items, answer.removed.vaults, answer.removed.folders, answer.removed.items].every((list) => list.length === 0);

const fieldsOf = (password: string): ItemInput['fields'] => [{ id: 'password', type: 'password', label: 'Password', value: password }];

describe.each(ENGINES)('sync on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let alice: TestMember;
  let bob: TestMember;
  let carol: TestMember;
  /** The team vault: Alice made it, Bob edits, Carol reads. */
  let team: HeldVaultKey;

  async function sync(member: TestMember, cache: Cache): Promise<SyncResponse> {
    const answer = await member.api.call(syncRoute, { query: cache.cursor ? { cursor: cache.cursor } : {} });
    apply(cache, answer);
    return answer;
  }

  /** A vault Alice makes, shared with each of `members` at their level. */
  async function aliceVault(name: string, kind: 'company' | 'private', members: [TestMember, AccessLevel][] = []): Promise<HeldVaultKey> {
    const { request, vaultKey } = await prepareVault({ id: newId(), kind, name, me: alice.certified, signingKey: alice.keys.signing.privateKey });
    await alice.api.call(createVaultRoute, { body: request });
    for (const [member, level] of members) await share(vaultKey, member, level);
    return vaultKey;
  }

  async function share(vault: HeldVaultKey, member: TestMember, level: AccessLevel): Promise<void> {
    const wrap = await wrapVaultKey(vault, await organisation.certifiedMember(member.userId), alice.granter);
    await alice.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: member.userId }, body: { level, wrap } });
  }

  async function create(member: TestMember, vault: HeldVaultKey, name: string, folderId: string | null = null): Promise<string> {
    const itemId = newId();
    const item: ItemInput = { folderId, name, login: 'team@acme.test', urls: [], fields: fieldsOf(`${name} password`), tags: [], colour: null, description: '', favourite: false };
    await member.api.call(createItemRoute, { body: await sealNewItem(vault, itemId, item) });
    return itemId;
  }

  async function edit(member: TestMember, vault: HeldVaultKey, itemId: string, password: string): Promise<void> {
    const current = await member.api.call(getItemRoute, { params: { id: itemId } });
    await member.api.call(updateItemRoute, { params: { id: itemId }, body: await updateItem(current, vault, { fields: fieldsOf(password) }) });
  }

  const syncedEvents = (userId: string) => recordedEvents(server, 'vault.synced', userId);

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    alice = organisation.owner;
    [bob, carol] = [await organisation.addMember('bob@acme.test'), await organisation.addMember('carol@acme.test')];
    const members: [TestMember, AccessLevel][] = [[bob, 'full'], [carol, 'read']];
    team = await aliceVault('Team', 'company', members);
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('a full sync, then a delta of exactly what changed, then an empty delta', async () => {
    await create(alice, team, 'Before');
    const cache = emptyCache();
    const full = await sync(carol, cache);
    expect(full.full).toBe(true);
    expect(full.vaults.map((vault) => vault.id)).toContain(team.vaultId);
    expect(full.wraps.find((wrap) => wrap.subjectId === team.vaultId)?.granterId).toBe(alice.userId);
    expect(full.certificates.map((certificate) => certificate.userId)).toContain(alice.userId);

    const folderId = newId();
    await alice.api.call(createFolderRoute, { body: { id: folderId, vaultId: team.vaultId, parentId: null, name: 'Ops' } });
    const added = await create(bob, team, 'Added', folderId);
    const delta = await sync(carol, cache);
    expect(delta.full).toBe(false);
    expect(delta.items.map((item) => item.id)).toEqual([added]);
    expect(delta.folders.map((folder) => folder.id)).toEqual([folderId]);
    expect(delta.wraps).toEqual([]);

    const again = await sync(carol, cache);
    expect(isEmptyDelta(again)).toBe(true);
    expect(again.cursor).toBe(delta.cursor);
    expect(contentOf(cache)).toEqual(await serverState(carol));
  });

  it.skipIf(!available)('a delta carries only changes in the caller’s vaults, and only from the caller’s own wraps and grants', async () => {
    const cache = emptyCache();
    await sync(carol, cache);
    const hidden = await aliceVault('Board', 'company', [[bob, 'admin']]);
    await create(alice, hidden, 'Board secret');
    await create(bob, hidden, 'Board minutes');
    const seen = await create(bob, team, 'Seen by Carol');
    const delta = await sync(carol, cache);
    expect(delta.items.map((item) => item.id)).toEqual([seen]);
    expect(delta.vaults.map((vault) => vault.id)).not.toContain(hidden.vaultId);
    expect(isEmptyDelta(await sync(carol, cache))).toBe(true);
  });

  it.skipIf(!available)('records one vault.synced event per vault a sync returned, saying whether the sync was full', async () => {
    const before = (await syncedEvents(carol.userId)).length;
    const cache = emptyCache();
    await sync(carol, cache);
    await create(bob, team, 'Seen in a delta');
    await sync(carol, cache);
    // An empty delta returned nothing, and records nothing.
    await sync(carol, cache);
    const recorded = (await syncedEvents(carol.userId)).slice(before);
    expect(recorded.map((event) => [event.vaultId, event.details.full])).toEqual([
      [team.vaultId, true],
      [team.vaultId, false],
    ]);
  });

  it.skipIf(!available)('with two members writing at once, a reader applying every delta ends with exactly the server’s state', async () => {
    const cache = emptyCache();
    await sync(carol, cache);
    const bobs = await organisation.openVault(bob, team.vaultId);
    let writing = true;
    const seen = new Map<string, number>();
    const backwards: string[] = [];

    // Each writer makes items at once, edits each of them twice, trashes some and files some in a folder.
    async function writer(member: TestMember, vault: HeldVaultKey, prefix: string): Promise<void> {
      const ids = await Promise.all(Array.from({ length: 12 }, (_, index) => create(member, vault, `${prefix} ${index}`)));
      await Promise.all(ids.map(async (id, index) => {
        await edit(member, vault, id, `${prefix} ${index} second`);
        await edit(member, vault, id, `${prefix} ${index} third`);
      }));
      await Promise.all(ids.slice(0, 3).map((id) => member.api.call(trashItemRoute, { params: { id } })));
      const folderId = newId();
      await member.api.call(createFolderRoute, { body: { id: folderId, vaultId: vault.vaultId, parentId: null, name: `${prefix} folder` } });
      await Promise.all(Array.from({ length: 3 }, (_, index) => create(member, vault, `${prefix} filed ${index}`, folderId)));
    }

    async function reader(): Promise<number> {
      let deltas = 0;
      while (writing) {
        const answer = await sync(carol, cache);
        deltas += 1;
        // A delta never serves an item older than one already applied.
        for (const item of answer.items) {
          if ((seen.get(item.id) ?? 0) > item.revision) backwards.push(`${item.id} went back to revision ${item.revision}`);
          seen.set(item.id, item.revision);
        }
      }
      return deltas;
    }

    const reading = reader();
    await Promise.all([writer(alice, team, 'Alice'), writer(bob, bobs, 'Bob')]).finally(() => (writing = false));
    const deltas = await reading;
    await sync(carol, cache);

    expect(deltas).toBeGreaterThan(1);
    expect(backwards).toEqual([]);
    const state = await serverState(carol);
    expect(state.items.filter((item) => item.name.startsWith('Alice ') || item.name.startsWith('Bob '))).toHaveLength(30);
    expect(contentOf(cache)).toEqual(state);
    expect(isEmptyDelta(await sync(carol, cache))).toBe(true);
  });

  it.skipIf(!available)('a vault shared with a member arrives whole in their next delta; taking them off it puts it in removed.vaults', async () => {
    const vault = await aliceVault('Shared later', 'private');
    const folderId = newId();
    await alice.api.call(createFolderRoute, { body: { id: folderId, vaultId: vault.vaultId, parentId: null, name: 'Old folder' } });
    const ids = [await create(alice, vault, 'Old one'), await create(alice, vault, 'Old two', folderId)];
    const cache = emptyCache();
    await sync(carol, cache);
    expect(cache.vaults.has(vault.vaultId)).toBe(false);

    await share(vault, carol, 'read');
    const delta = await sync(carol, cache);
    expect(delta.vaults.map((served) => served.id)).toEqual([vault.vaultId]);
    expect(delta.folders.map((folder) => folder.id)).toEqual([folderId]);
    expect(delta.items.map((item) => item.id).sort()).toEqual([...ids].sort());
    const wrap = delta.wraps.find((candidate) => candidate.subjectId === vault.vaultId)!;
    const certificate = delta.certificates.find((candidate) => candidate.userId === wrap.granterId)!;

    // Everything needed to read the vault came in the delta: wrap, granter's certificate, items.
    const granter = await organisation.verified(carol, certificate.certificate, wrap.granterId);
    const key = await openVaultKey({ vaultId: vault.vaultId, keyVersion: 1, wrap, me: carol.userId, privateKey: carol.keys.encryption.privateKey, granter });
    const item = cache.items.get(ids[1]!)!;
    expect(await revealField(item, await openItem(item, key), 'password')).toBe('Old two password');
    expect(contentOf(cache)).toEqual(await serverState(carol));

    await alice.api.call(removeVaultMemberRoute, { params: { id: vault.vaultId, userId: carol.userId } });
    const removed = await sync(carol, cache);
    expect(removed.removed.vaults).toEqual([vault.vaultId]);
    expect(removed.vaults).toEqual([]);
    expect([...cache.items.values()].some((cached) => cached.vaultId === vault.vaultId)).toBe(false);
    expect(contentOf(cache)).toEqual(await serverState(carol));
  });

  it.skipIf(!available)('trash shows as deletedAt, and a purge in removed.items', async () => {
    const itemId = await create(alice, team, 'Short-lived');
    const cache = emptyCache();
    await sync(carol, cache);

    await alice.api.call(trashItemRoute, { params: { id: itemId } });
    const trashed = await sync(carol, cache);
    expect(trashed.items.map((item) => [item.id, typeof item.deletedAt])).toEqual([[itemId, 'number']]);

    await alice.api.call(purgeItemRoute, { params: { id: itemId } });
    const purged = await sync(carol, cache);
    expect(purged.removed.items).toEqual([itemId]);
    expect(purged.items).toEqual([]);
    expect(cache.items.has(itemId)).toBe(false);
  });

  it.skipIf(!available)('a full sync of several batches sends each item in its newest version, after the server has kept their texts', async () => {
    const bulk = await aliceVault('Bulk', 'private');
    const ids: string[] = [];
    // 525 items: more than one batch of the sync answer (500 items), stored 25 per request.
    for (let start = 0; start < 525; start += 25) {
      const chunk = Array.from({ length: 25 }, () => newId());
      const records = await Promise.all(chunk.map((id, offset) => sealNewItem(bulk, id, { folderId: null, name: `Bulk ${start + offset}`, login: '', urls: [], fields: fieldsOf(`first ${start + offset}`), tags: [], colour: null, description: '', favourite: false })));
      const { responses } = await alice.api.call(batchRoute, { body: { requests: records.map((body) => ({ method: 'POST' as const, path: '/api/v1/items', body })) } });
      expect(responses.every((response) => response.status === 201)).toBe(true);
      ids.push(...chunk);
    }
    const before = emptyCache();
    await sync(alice, before);
    expect(ids.every((id) => before.items.has(id))).toBe(true);

    // Changed in the first and the second batch, trashed, purged: after the server kept every text.
    await edit(alice, bulk, ids[3]!, 'second 3');
    await edit(alice, bulk, ids[515]!, 'second 515');
    await alice.api.call(trashItemRoute, { params: { id: ids[7]! } });
    await alice.api.call(trashItemRoute, { params: { id: ids[508]! } });
    await alice.api.call(purgeItemRoute, { params: { id: ids[508]! } });

    const after = emptyCache();
    const full = await sync(alice, after);
    const bulkItems = full.items.filter((item) => item.vaultId === bulk.vaultId);
    expect(bulkItems).toHaveLength(524);
    expect(after.items.has(ids[508]!)).toBe(false);
    expect(typeof after.items.get(ids[7]!)!.deletedAt).toBe('number');
    for (const [index, password] of [[3, 'second 3'], [515, 'second 515'], [4, 'first 4'], [516, 'first 516']] as const) {
      const served = after.items.get(ids[index]!)!;
      expect(served).toEqual(await alice.api.call(getItemRoute, { params: { id: ids[index]! } }));
      expect(await revealField(served, await openItem(served, bulk), 'password')).toBe(password);
    }
  });

  it.skipIf(!available)('a move between two of a member’s vaults is a removal and an upsert in one delta: removals first keeps it', async () => {
    const mine = await aliceVault('Alice’s own', 'private');
    const itemId = await create(alice, team, 'Moving');
    const cache = emptyCache();
    await sync(alice, cache);
    const current = await alice.api.call(getItemRoute, { params: { id: itemId } });
    await alice.api.call(moveItemRoute, { params: { id: itemId }, body: await moveItem(current, team, mine) });

    const delta = await sync(alice, cache);
    expect(delta.removed.items).toContain(itemId);
    expect(delta.items.map((item) => item.id)).toContain(itemId);
    expect(cache.items.get(itemId)?.vaultId).toBe(mine.vaultId);
  });

  it.skipIf(!available).each(['nope', 'c1.', 'c2.5', 'c1.-1', 'c1.1.2', 'c1.1234567890123456'])('the cursor %j is refused with 400 validationFailed on query.cursor', async (cursor) => {
    const error = await errorOf(carol.api.call(syncRoute, { query: { cursor } }));
    expect(error.status).toBe(400);
    expect(error.errors[0]).toMatchObject({ code: 'validationFailed', field: 'query.cursor' });
  });

  it.skipIf(!available)('a cursor ahead of the server (say, after a restore from backup) gets a full sync, so nothing is missed', async () => {
    const itemId = await create(alice, team, 'After a restore');
    const answer = await carol.api.call(syncRoute, { query: { cursor: 'c1.999999999' } });
    expect(answer.full).toBe(true);
    expect(answer.items.map((item) => item.id)).toContain(itemId);
    expect(Number(answer.cursor.slice(3))).toBeLessThan(999_999_999);
  });

  // Last: once Dave is an administrator, every new company vault must be wrapped to him too.
  it.skipIf(!available)('an administrator certified after a company vault exists is a pending grant until its creator fulfils it', async () => {
    const vault = await aliceVault('Company records', 'company');
    await share(vault, bob, 'full');
    await share(vault, carol, 'edit');
    const dave = await organisation.addMember('dave@acme.test', 'administrator');
    // Only vault administrators may hand an administrator their key: Bob (full access) is not asked
    // to, nor Carol, who may not share at all.
    expect((await bob.api.call(syncRoute, { query: {} })).pendingGrants.filter((grant) => grant.vaultId === vault.vaultId)).toEqual([]);
    expect((await carol.api.call(syncRoute, { query: {} })).pendingGrants.filter((grant) => grant.vaultId === vault.vaultId)).toEqual([]);
    await expect(organisation.openVault(dave, vault.vaultId)).rejects.toThrow(/pending/);
    const daveCache = emptyCache();
    await sync(dave, daveCache);
    expect(daveCache.vaults.get(vault.vaultId)?.level).toBe('admin');

    const before = await alice.api.call(syncRoute, { query: {} });
    expect(before.pendingGrants).toContainEqual({ vaultId: vault.vaultId, userId: dave.userId, keyVersion: 1, level: 'admin' });
    const served = before.certificates.find((certificate) => certificate.userId === dave.userId)!;
    const daveCertified = await organisation.verified(alice, served.certificate, dave.userId);
    expect(daveCertified.role).toBe('administrator');
    await alice.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: dave.userId }, body: { level: 'admin', wrap: await wrapVaultKey(vault, daveCertified, alice.granter) } });

    const after = await alice.api.call(syncRoute, { query: {} });
    expect(after.pendingGrants.filter((grant) => grant.vaultId === vault.vaultId)).toEqual([]);
    const members = await alice.api.call(listVaultMembersRoute, { params: { id: vault.vaultId } });
    expect(members.members.find((member) => member.userId === dave.userId)?.hasKey).toBe(true);
    const delta = await sync(dave, daveCache);
    expect(delta.wraps.map((wrap) => [wrap.subjectId, wrap.granterId])).toContainEqual([vault.vaultId, alice.userId]);
    expect((await organisation.openVault(dave, vault.vaultId)).raw).toEqual(vault.raw);
  });
});
