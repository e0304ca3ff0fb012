import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealedItem, withPassword } from '../../tests/helpers/vault-fixtures';
import { AuthenticationError, CertificateError } from '../crypto/errors';
import { createTestOrganisation, type TestMember } from '../crypto/test-members';
import type { KeyWrap } from '../crypto/wraps';
import { totpCode } from '../vault/totp';
import { wrapVaultKey } from '../vault/vault-keys';
import { openCacheDatabase } from './cache-database';
import { CacheClosedError, NotCachedError, VaultKeyPendingError } from './errors';
import { Keyring } from './keyring';
import { createAccountCache, type AccountCache } from './offline-cache';
import { createTestAccount, served, syncResponse, type TestAccount, type TestVault } from './test-account';

// Copy, reveal and TOTP from the offline cache: a vault key is used only from a wrap whose granter
// the organisation certified, and an item's secrets only once its metadata MAC verifies.

let alice: TestAccount;
let bob: TestMember;
let mallory: TestMember;
let personal: TestVault;
let databases = 0;

beforeAll(async () => {
  alice = await createTestAccount();
  const elsewhere = await createTestOrganisation('org-elsewhere');
  [bob, mallory, personal] = await Promise.all([alice.organisation.addMember('user-bob'), elsewhere.addMember('user-mallory'), alice.newVault('vault-personal')]);
});

const certificateOf = (member: TestMember) => ({ userId: member.userId, certificate: member.certificate });

/** A cache holding `items` in the personal vault, reached through `wrap`, and a keyring on it. */
async function keyringWith(items: Awaited<ReturnType<typeof sealedItem>>[], wrap: KeyWrap | null = personal.wrap, certificates = [certificateOf(alice.member)]): Promise<{ keyring: Keyring; cache: AccountCache }> {
  const cache = await createAccountCache(await openCacheDatabase(`keyring-test-${++databases}`), alice.profile, alice.masterKey);
  await cache.applySync(syncResponse({ cursor: 'c1.1', full: true, vaults: [personal.vault], wraps: wrap ? [wrap] : [], certificates, items: items.map((item) => served(item)) }));
  return { keyring: new Keyring({ userId: alice.profile.userId, keys: alice.member.keys, organisation: alice.pinned, cache }), cache };
}

const withTotp = (secret: string) => ({ fields: [...withPassword('hunter2').fields, { id: 'otp', type: 'totp' as const, label: 'One-time code', value: secret }] });

describe('keyring', () => {
  it('reveals a field and computes TOTP codes from the cache alone', async () => {
    const item = await sealedItem(personal.key, withTotp('jbsw y3dp ehpk 3pxp'));
    const { keyring } = await keyringWith([item]);
    expect(await keyring.revealField(item.id, 'password')).toBe('hunter2');
    const params = await keyring.totpFor(item.id);
    expect(params).toEqual({ secret: 'JBSWY3DPEHPK3PXP' });
    expect(totpCode(params!, 0)).toBe(totpCode({ secret: 'JBSWY3DPEHPK3PXP' }, 0));
    expect((await keyring.verifiedItem(item.id)).record.name).toBe('GitHub');
  });

  it('reads TOTP parameters from an otpauth link, and null for an item without TOTP', async () => {
    const item = await sealedItem(personal.key, withTotp('otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&digits=8&period=60&algorithm=SHA256'));
    const plain = await sealedItem(personal.key);
    const { keyring } = await keyringWith([item, plain]);
    expect(await keyring.totpFor(item.id)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', digits: 8, period: 60, algorithm: 'SHA256' });
    expect(await keyring.totpFor(plain.id)).toBeNull();
  });

  it('opens each vault key once and hands the same key out again', async () => {
    const { keyring } = await keyringWith([]);
    const [first, second] = await Promise.all([keyring.openVault('vault-personal'), keyring.openVault('vault-personal', 1)]);
    expect(first).toBe(second);
    expect(first.raw).toEqual(personal.key.raw);
  });

  it('refuses a vault key wrapped by someone the organisation did not certify', async () => {
    const item = await sealedItem(personal.key);
    const wrap = await wrapVaultKey(personal.key, alice.member.certified, { userId: mallory.userId, signingKey: mallory.keys.signing.privateKey });
    const { keyring } = await keyringWith([item], wrap, [certificateOf(mallory)]);
    await expect(keyring.revealField(item.id, 'password')).rejects.toThrow(CertificateError);
  });

  it('refuses a wrap that names a certified granter but was signed by another key', async () => {
    const item = await sealedItem(personal.key);
    const forged = await wrapVaultKey(personal.key, alice.member.certified, { userId: bob.userId, signingKey: mallory.keys.signing.privateKey });
    const { keyring } = await keyringWith([item], forged, [certificateOf(bob)]);
    await expect(keyring.revealField(item.id, 'password')).rejects.toThrow(AuthenticationError);
  });

  it('refuses a wrap whose granter has no certificate at all', async () => {
    const item = await sealedItem(personal.key);
    const { keyring } = await keyringWith([item], personal.wrap, []);
    await expect(keyring.revealField(item.id, 'password')).rejects.toThrow(CertificateError);
  });

  it('says access is pending while there is no wrap for the user', async () => {
    const item = await sealedItem(personal.key);
    const { keyring } = await keyringWith([item], null);
    await expect(keyring.revealField(item.id, 'password')).rejects.toThrow(VaultKeyPendingError);
  });

  it.each([
    ['points the item at another site', { urls: [{ url: 'https://phish.test/login', match: 'domain' as const }] }],
    ['changes its login', { login: 'mallory@phish.test' }],
    ['relabels a field', { fields: [{ ...withPassword('x').fields[0]!, label: 'Old password, unused' }] }],
    ['rolls its revision back under the same MAC', { revision: 2 }],
  ])('reveals nothing from an item whose server %s (metadata MAC fails)', async (_what, change) => {
    const genuine = await sealedItem(personal.key, withTotp('JBSWY3DPEHPK3PXP'));
    const tampered = { ...genuine, ...change, fields: 'fields' in change ? [change.fields[0]!, genuine.fields[1]!] : genuine.fields };
    const { keyring } = await keyringWith([tampered]);
    await expect(keyring.revealField(genuine.id, 'password')).rejects.toThrow(AuthenticationError);
    await expect(keyring.totpFor(genuine.id)).rejects.toThrow(AuthenticationError);
  });

  it('reveals nothing from a field whose ciphertext was swapped with another field', async () => {
    const genuine = await sealedItem(personal.key, withTotp('JBSWY3DPEHPK3PXP'));
    const [password, otp] = genuine.fields;
    const swapped = { ...genuine, fields: [{ ...password!, value: otp!.value }, { ...otp!, value: password!.value }] };
    const { keyring } = await keyringWith([swapped]);
    await expect(keyring.revealField(genuine.id, 'password')).rejects.toThrow(AuthenticationError);
  });

  it('says what is missing for an unknown item or field', async () => {
    const item = await sealedItem(personal.key);
    const { keyring } = await keyringWith([item]);
    await expect(keyring.revealField('item-unknown', 'password')).rejects.toThrow(NotCachedError);
    await expect(keyring.revealField(item.id, 'no-such-field')).rejects.toThrow(NotCachedError);
  });

  it('forgets every key on close', async () => {
    const item = await sealedItem(personal.key);
    const { keyring } = await keyringWith([item]);
    await keyring.revealField(item.id, 'password');
    keyring.close();
    await expect(keyring.revealField(item.id, 'password')).rejects.toThrow(CacheClosedError);
  });
});
