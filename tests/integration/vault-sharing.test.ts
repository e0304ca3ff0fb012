import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemRoute, getItemRoute, moveItemRoute, updateItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { createVaultRoute, getVaultRoute, putVaultMemberRoute } from '../../lib/contract/vaults';
import { moveItem, openItem, revealField, sealNewItem, updateItem, type ItemInput } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Two members of one organisation share a vault through the real server: the vault key reaches the
// second only as a wrap signed by the first, which the second's client accepts only after checking
// the granter's certificate against the organisation key it pinned. Then both read each other's
// writes, and a move to another vault takes the item out of the first vault's members' view.

const input = (name: string, password: string): ItemInput => ({
  folderId: null,
  name,
  login: 'alice@acme.test',
  urls: [{ url: 'https://login.acme.test/', match: 'domain' }],
  fields: [{ id: 'password', type: 'password', label: 'Password', value: password }],
  tags: ['work'],
  colour: null,
  description: '',
  favourite: false,
});

describe.each(ENGINES)('two members sharing a vault on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let alice: TestMember;
  let bob: TestMember;
  /** The shared vault's key as Alice's client made it. */
  let made: HeldVaultKey;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    alice = organisation.owner;
    bob = await organisation.addMember('bob@acme.test');
    const vault = await prepareVault({ id: newId(), kind: 'company', name: 'Engineering', me: alice.certified, signingKey: alice.keys.signing.privateKey });
    await alice.api.call(createVaultRoute, { body: vault.request });
    made = vault.vaultKey;
    const wrap = await wrapVaultKey(made, await organisation.certifiedMember(bob.userId), alice.granter);
    await alice.api.call(putVaultMemberRoute, { params: { id: made.vaultId, userId: bob.userId }, body: { level: 'edit', wrap } });
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('Bob opens the vault key from the wrap Alice signed, after checking her certificate', async () => {
    const served = await bob.api.call(getVaultRoute, { params: { id: made.vaultId } });
    expect(served.vault).toMatchObject({ id: made.vaultId, level: 'edit', keyVersion: 1 });
    expect(served.wrap).toMatchObject({ recipientId: bob.userId, granterId: alice.userId });
    expect(served.granter?.userId).toBe(alice.userId);
    const bobs = await organisation.openVault(bob, made.vaultId);
    expect(bobs.raw).toEqual(made.raw);
  });

  it.skipIf(!available)('Alice writes an item and Bob reads it', async () => {
    const itemId = newId();
    await alice.api.call(createItemRoute, { body: await sealNewItem(made, itemId, input('GitHub', 'correct horse')) });
    const bobs = await organisation.openVault(bob, made.vaultId);
    const served = await bob.api.call(getItemRoute, { params: { id: itemId } });
    expect(served).toMatchObject({ revision: 1, updatedBy: alice.userId });
    expect(await revealField(served, await openItem(served, bobs), 'password')).toBe('correct horse');
  });

  it.skipIf(!available)('Bob edits the item and Alice reads his edit', async () => {
    const itemId = newId();
    await alice.api.call(createItemRoute, { body: await sealNewItem(made, itemId, input('Jira', 'first password')) });
    const bobs = await organisation.openVault(bob, made.vaultId);
    const current = await bob.api.call(getItemRoute, { params: { id: itemId } });
    const edited = await updateItem(current, bobs, { fields: [{ id: 'password', type: 'password', label: 'Password', value: 'battery staple' }] });
    await bob.api.call(updateItemRoute, { params: { id: itemId }, body: edited });

    const alices = await organisation.openVault(alice, made.vaultId);
    const served = await alice.api.call(getItemRoute, { params: { id: itemId } });
    expect(served).toMatchObject({ revision: 2, updatedBy: bob.userId });
    expect(await revealField(served, await openItem(served, alices), 'password')).toBe('battery staple');
  });

  it.skipIf(!available)('a move keeps the item readable in the target vault and takes it out of the old vault’s members’ sync', async () => {
    const itemId = newId();
    await alice.api.call(createItemRoute, { body: await sealNewItem(made, itemId, input('Vercel', 'moving password')) });
    const before = await bob.api.call(syncRoute, { query: {} });
    expect(before.items.map((item) => item.id)).toContain(itemId);

    const target = await prepareVault({ id: newId(), kind: 'private', name: 'Alice’s own', me: alice.certified, signingKey: alice.keys.signing.privateKey });
    await alice.api.call(createVaultRoute, { body: target.request });
    const current = await alice.api.call(getItemRoute, { params: { id: itemId } });
    await alice.api.call(moveItemRoute, { params: { id: itemId }, body: await moveItem(current, await organisation.openVault(alice, made.vaultId), target.vaultKey) });

    // Alice reads it with the target vault's key as her client gets it from the server.
    const moved = await alice.api.call(getItemRoute, { params: { id: itemId } });
    expect(moved).toMatchObject({ vaultId: target.vaultKey.vaultId, revision: 2 });
    expect(await revealField(moved, await openItem(moved, await organisation.openVault(alice, target.vaultKey.vaultId)), 'password')).toBe('moving password');

    const delta = await bob.api.call(syncRoute, { query: { cursor: before.cursor } });
    expect(delta.removed.items).toContain(itemId);
    expect(delta.items.map((item) => item.id)).not.toContain(itemId);
    expect((await bob.api.call(syncRoute, { query: {} })).items.map((item) => item.id)).not.toContain(itemId);
    expect((await errorOf(bob.api.call(getItemRoute, { params: { id: itemId } }))).status).toBe(404);
  });
});
