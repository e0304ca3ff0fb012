import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { getKdfTargetRoute, updateKdfTargetRoute } from '../../lib/contract/app-settings';
import { createItemRoute, getItemRoute } from '../../lib/contract/items';
import { changeMasterKeyRoute, type MasterKeyChange } from '../../lib/contract/master-key';
import { syncRoute } from '../../lib/contract/sync';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { createVaultRoute } from '../../lib/contract/vaults';
import { deriveMasterKey, KDF_DEFAULT_ITERATIONS, type KdfParams } from '../../lib/crypto/kdf';
import { openItem, revealField, sealNewItem } from '../../lib/vault/item';
import { kdfUpgradeParams, nextKdfParams, prepareMasterPasswordChange } from '../../lib/vault/master-password';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import { recordedEvents } from '../helpers/recorded-events';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { expectRefusal, type Refusal } from '../helpers/route-case';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { signInAndUnlock } from '../helpers/unlock';

// Issue #6 item 5 over HTTP on both engines: changing the master password and upgrading the KDF
// re-seal the same private keys under a new master key; the server swaps KDF record, hash and keys
// at once, and refuses anything that would weaken the KDF or replace the user's certified keys.

/** The passwords tests/helpers/organisation.ts gives every member it adds. */
const passwordsOf = (login: string) => ({ loginPassword: `${login} login password`, masterPassword: `${login} Master 2026` });
const NEW_MASTER_PASSWORD = 'A New Master Password 2027';
const SECRET = 'hunter2 from before the change';

describe.each(ENGINES)('master password lifecycle on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let owner: TestMember;

  /** A client of `member`'s session that presents `masterKeyHash`. */
  const clientWith = (member: Pick<TestMember, 'accessToken'>, masterKeyHash: string | undefined) =>
    createApiClient({ baseUrl: server.url, session: { accessToken: () => member.accessToken }, masterKeyHash: () => masterKeyHash });

  /** What the member's unlocked client does: the served keys opened with its master key, re-sealed under one from `newPassword`. */
  async function prepareChange(member: TestMember, newPassword: string, kdfFor: (current: KdfParams, upgrade: { iterations: number } | null) => KdfParams | null = nextKdfParams) {
    const served = await member.api.call(userKeysRoute);
    const currentMaster = await deriveMasterKey(passwordsOf(member.login).masterPassword, served.kdf);
    const kdf = kdfFor(served.kdf, served.kdfUpgrade);
    if (!kdf) throw new Error('no KDF upgrade was asked for');
    const sealedKeys = { encryption: served.encryptionKey, signing: served.signingKey };
    return { served, ...(await prepareMasterPasswordChange({ userId: member.userId, currentMaster, sealedKeys, newPassword, kdf })) };
  }

  /** A private vault of `member` with one item whose password is SECRET. */
  async function vaultWithItem(member: TestMember): Promise<{ vaultId: string; itemId: string }> {
    const vaultId = newId();
    const { request, vaultKey } = await prepareVault({ id: vaultId, kind: 'private', name: 'Mine', me: member.certified, signingKey: member.keys.signing.privateKey });
    await member.api.call(createVaultRoute, { body: request });
    const itemId = newId();
    const fields = [{ id: 'password', type: 'password' as const, label: 'Password', value: SECRET }];
    await member.api.call(createItemRoute, { body: await sealNewItem(vaultKey, itemId, { folderId: null, name: 'Mail', login: member.login, urls: [], fields, tags: [], colour: null, description: '', favourite: false }) });
    return { vaultId, itemId };
  }

  /** The member as a fresh client holds them after unlocking with `masterPassword`. */
  async function unlockAgain(member: TestMember, masterPassword: string): Promise<TestMember> {
    const session = await signInAndUnlock(server, member.login, passwordsOf(member.login).loginPassword, masterPassword);
    return { ...member, api: session.api, accessToken: session.pair.accessToken, masterKeyHash: session.masterKeyHash, keys: session.keys };
  }

  async function setKdfTarget(iterations: number): Promise<void> {
    await owner.api.call(updateKdfTargetRoute, { body: { iterations } });
  }

  const masterKeyEvents = (userId: string) => recordedEvents(server, 'user.masterKeyChanged', userId);

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    owner = organisation.owner;
  }, 120_000);
  afterAll(() => server?.stop());

  it.skipIf(!available)('the KDF target defaults to the client default, is asked of weaker records, and only administrators move it within bounds', async () => {
    expect(await owner.api.call(getKdfTargetRoute)).toEqual({ iterations: KDF_DEFAULT_ITERATIONS });
    expect((await owner.api.call(userKeysRoute)).kdfUpgrade).toEqual({ iterations: KDF_DEFAULT_ITERATIONS });
    const member = await organisation.addMember('target@acme.test');
    await expectRefusal(member.api.call(updateKdfTargetRoute, { body: { iterations: 400_000 } }), { status: 403, code: 'forbidden' });
    for (const iterations of [299_999, 10_000_001]) await expectRefusal(owner.api.call(updateKdfTargetRoute, { body: { iterations } }), { status: 400, code: 'validationFailed', field: 'body.iterations' });
    expect(await owner.api.call(updateKdfTargetRoute, { body: { iterations: 300_000 } })).toEqual({ iterations: 300_000 });
    expect(await member.api.call(getKdfTargetRoute)).toEqual({ iterations: 300_000 });
    expect((await owner.api.call(userKeysRoute)).kdfUpgrade).toBeNull();
  });

  it.skipIf(!available)('after a change the old master password no longer unlocks; the new one opens the same keys and the vault; other sessions must unlock again', async () => {
    const alice = await organisation.addMember('alice@acme.test');
    const { vaultId, itemId } = await vaultWithItem(alice);
    const otherSession = await unlockAgain(alice, passwordsOf(alice.login).masterPassword);
    const { served, body, master } = await prepareChange(alice, NEW_MASTER_PASSWORD);

    expect(await alice.api.call(changeMasterKeyRoute, { body })).toBeUndefined();

    // This session goes on with the new hash; with the old one it is refused like any other.
    await expectRefusal(alice.api.call(userKeysRoute), { status: 403, code: 'masterKeyHashMismatch' });
    expect((await clientWith(alice, master.hash).call(syncRoute, { query: {} })).vaults.map((vault) => vault.id)).toContain(vaultId);
    // Other sessions stay signed in but hold the old hash: no data until they unlock again.
    await expectRefusal(otherSession.api.call(syncRoute, { query: {} }), { status: 403, code: 'masterKeyHashMismatch' });
    await expectRefusal(otherSession.api.call(getItemRoute, { params: { id: itemId } }), { status: 403, code: 'masterKeyHashMismatch' });
    expect((await otherSession.api.call(meRoute)).id).toBe(alice.userId);

    expect((await errorOf(unlockAgain(alice, passwordsOf(alice.login).masterPassword))).code).toBe('masterKeyHashMismatch');
    const renewed = await unlockAgain(alice, NEW_MASTER_PASSWORD);
    expect(renewed.masterKeyHash).toBe(master.hash);
    const keys = await renewed.api.call(userKeysRoute);
    expect(keys.kdf).toEqual(body.kdf);
    expect([keys.encryptionKey.spki, keys.signingKey.spki]).toEqual([served.encryptionKey.spki, served.signingKey.spki]);
    expect(new Uint8Array(await crypto.subtle.exportKey('spki', renewed.keys.signing.publicKey))).toEqual(new Uint8Array(await crypto.subtle.exportKey('spki', alice.keys.signing.publicKey)));

    const vault = await organisation.openVault(renewed, vaultId);
    const item = await renewed.api.call(getItemRoute, { params: { id: itemId } });
    expect(await revealField(item, await openItem(item, vault), 'password')).toBe(SECRET);
    expect(await masterKeyEvents(alice.userId)).toMatchObject([{ target: { type: 'user', id: alice.userId }, details: { previousIterations: 300_000, iterations: 300_000 } }]);
  });

  it.skipIf(!available)('refuses a wrong hash, keys that are not the user’s, unsealed keys and a weak KDF, and changes nothing', async () => {
    const bob = await organisation.addMember('bob@acme.test');
    const { served, body } = await prepareChange(bob, NEW_MASTER_PASSWORD);
    const ownerKeys = await bob.api.call(userPublicKeyRoute, { params: { id: owner.userId } });
    const cases: [string, MasterKeyChange, Refusal, string | undefined][] = [
      ['a wrong current hash', body, { status: 403, code: 'masterKeyHashMismatch' }, '0'.repeat(64)],
      ['no current hash', body, { status: 403, code: 'masterKeyHashMismatch' }, undefined],
      ['another user’s public key', { ...body, encryptionKey: { ...body.encryptionKey, spki: ownerKeys.encryptionKey.spki } }, { status: 400, code: 'invalidKeys', field: 'body.encryptionKey' }, bob.masterKeyHash],
      ['the two keys in each other’s slots', { ...body, encryptionKey: body.signingKey, signingKey: body.encryptionKey }, { status: 400, code: 'invalidKeys', field: 'body.encryptionKey' }, bob.masterKeyHash],
      ['the stored keys sent back, still sealed under the old master key', { ...body, signingKey: served.signingKey }, { status: 400, code: 'invalidKeys', field: 'body.signingKey.encryptedPkcs8' }, bob.masterKeyHash],
      ['a key that is not ciphertext', { ...body, encryptionKey: { ...body.encryptionKey, encryptedPkcs8: 'AAAA' } }, { status: 400, code: 'validationFailed', field: 'body.encryptionKey.encryptedPkcs8' }, bob.masterKeyHash],
      ['a KDF below the floor', { ...body, kdf: { ...body.kdf, iterations: 299_999 } }, { status: 400, code: 'validationFailed', field: 'body.kdf.iterations' }, bob.masterKeyHash],
      ['a salt shorter than 16 bytes', { ...body, kdf: { ...body.kdf, salt: 'AAAAAAAAAAAAAAAAAAAA' } }, { status: 400, code: 'validationFailed', field: 'body.kdf' }, bob.masterKeyHash],
    ];
    for (const [what, spoiled, refusal, hash] of cases) {
      await expectRefusal(clientWith(bob, hash).call(changeMasterKeyRoute, { body: spoiled }), refusal).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    }
    await expectRefusal(createApiClient({ baseUrl: server.url }).call(changeMasterKeyRoute, { body }), { status: 401, code: 'unauthenticated' });

    await setKdfTarget(400_000);
    try {
      await expectRefusal(bob.api.call(changeMasterKeyRoute, { body }), { status: 400, code: 'validationFailed', field: 'body.kdf.iterations' });
    } finally {
      await setKdfTarget(300_000);
    }

    expect((await unlockAgain(bob, passwordsOf(bob.login).masterPassword)).masterKeyHash).toBe(bob.masterKeyHash);
    await bob.api.call(changeMasterKeyRoute, { body });
    expect(await masterKeyEvents(bob.userId)).toHaveLength(1);
  });

  it.skipIf(!available)('of two changes from the same unlocked state only the first lands', async () => {
    const carol = await organisation.addMember('carol@acme.test');
    const [first, second] = await Promise.all([prepareChange(carol, `${NEW_MASTER_PASSWORD} one`), prepareChange(carol, `${NEW_MASTER_PASSWORD} two`)]);
    const outcomes = await Promise.allSettled([carol.api.call(changeMasterKeyRoute, { body: first.body }), carol.api.call(changeMasterKeyRoute, { body: second.body })]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused?.reason).toMatchObject({ status: 403, code: 'masterKeyHashMismatch' });
    const winner = outcomes[0]!.status === 'fulfilled' ? `${NEW_MASTER_PASSWORD} one` : `${NEW_MASTER_PASSWORD} two`;
    expect((await (await unlockAgain(carol, winner)).api.call(userKeysRoute)).signingKey.spki).toBe(first.served.signingKey.spki);
  });

  it.skipIf(!available)('a KDF upgrade: a raised target is asked at unlock, done with the same password, and not asked again', async () => {
    const dave = await organisation.addMember('dave@acme.test');
    const { vaultId, itemId } = await vaultWithItem(dave);
    const masterPassword = passwordsOf(dave.login).masterPassword;
    await setKdfTarget(350_000);
    try {
      const { served, body, master } = await prepareChange(dave, masterPassword, kdfUpgradeParams);
      expect(served.kdfUpgrade).toEqual({ iterations: 350_000 });
      expect(body.kdf.iterations).toBe(350_000);
      expect(body.kdf.salt).not.toBe(served.kdf.salt);
      await dave.api.call(changeMasterKeyRoute, { body });

      expect((await createApiClient({ baseUrl: server.url }).call(masterKeyOptionsRoute, { query: { login: dave.login } })).kdf).toEqual(body.kdf);
      const renewed = await unlockAgain(dave, masterPassword);
      expect(renewed.masterKeyHash).toBe(master.hash);
      expect(await renewed.api.call(userKeysRoute)).toMatchObject({ kdf: { iterations: 350_000 }, kdfUpgrade: null });
      const item = await renewed.api.call(getItemRoute, { params: { id: itemId } });
      expect(await revealField(item, await openItem(item, await organisation.openVault(renewed, vaultId)), 'password')).toBe(SECRET);
      expect(await masterKeyEvents(dave.userId)).toMatchObject([{ details: { previousIterations: 300_000, iterations: 350_000 } }]);
    } finally {
      await setKdfTarget(300_000);
    }
  });
});
