import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, toBase64Url } from './bytes';
import type { CertifiedMember } from './certificates';
import { AuthenticationError } from './errors';
import { createOrganisationKey, openOrganisationKey } from './organisation';
import { createTestOrganisation } from './test-members';
import { deriveSymmetricKey } from './symmetric';
import { openKeyWrap, unwrapEntryKey, unwrapKey, verifyKeyWrap, wrapEntryKey, wrapKey, type KeyWrap, type WrapAddress } from './wraps';

const org = await createTestOrganisation();
const [alice, bob, carol] = await Promise.all([org.addMember('alice', 'administrator'), org.addMember('bob'), org.addMember('carol')]);
const vaultKey = randomBytes(32);
const granter = { userId: alice.userId, signingKey: alice.keys.signing.privateKey };
const address = { kind: 'vault' as const, subjectId: 'vault-1', keyVersion: 1 };
const forBob: WrapAddress = { ...address, recipientId: 'bob' };
const wrap = await wrapKey(address, vaultKey, bob.certified, granter);

describe('vault key wraps', () => {
  it('unwrap for the recipient after the granter signature verifies', async () => {
    expect(await unwrapKey(wrap, forBob, bob.keys.encryption.privateKey, alice.certified)).toEqual(vaultKey);
  });

  it('are never made to an uncertified key', async () => {
    const impostor: CertifiedMember = { ...bob.certified };
    await expect(wrapKey(address, vaultKey, impostor, granter)).rejects.toThrow('certified');
  });

  it.each<[string, Partial<KeyWrap>]>([
    ['relabelled to another vault', { subjectId: 'vault-2' }],
    ['relabelled to another key version', { keyVersion: 2 }],
    ['readdressed to another recipient', { recipientId: 'carol' }],
    ['claimed by another granter', { granterId: 'carol' }],
    ['with another wrapped key', { wrappedKey: wrap.wrappedKey.slice(0, -4) + 'AAAA' }],
    ['of another kind', { kind: 'organisation' }],
  ])('refuse a wrap %s', async (_what, change) => {
    await expect(unwrapKey({ ...wrap, ...change }, forBob, bob.keys.encryption.privateKey, alice.certified)).rejects.toThrow(AuthenticationError);
  });

  it('refuse a wrap whose signature is checked against someone else', async () => {
    await expect(unwrapKey(wrap, forBob, bob.keys.encryption.privateKey, carol.certified)).rejects.toThrow(AuthenticationError);
  });

  it('refuse a validly signed wrap for another vault when this vault is expected', async () => {
    const other = await wrapKey({ ...address, subjectId: 'vault-2' }, vaultKey, bob.certified, granter);
    await expect(unwrapKey(other, forBob, bob.keys.encryption.privateKey, alice.certified)).rejects.toThrow('addressed elsewhere');
  });

  it('do not unwrap with another member’s private key', async () => {
    await expect(unwrapKey(wrap, forBob, carol.keys.encryption.privateKey, alice.certified)).rejects.toThrow(AuthenticationError);
  });

  it('refuse a signature forged by a member who is not the named granter', async () => {
    const forged = await wrapKey(address, randomBytes(32), bob.certified, { userId: 'alice', signingKey: carol.keys.signing.privateKey });
    await expect(unwrapKey(forged, forBob, bob.keys.encryption.privateKey, alice.certified)).rejects.toThrow(AuthenticationError);
  });
});

const vault = await deriveSymmetricKey(vaultKey);

describe('entry key wraps', () => {
  const entryKey = randomBytes(32);
  const place = { vaultId: 'vault-1', itemId: 'item-1', vaultKeyVersion: 1 };

  it('round-trip under the vault key', async () => {
    expect(await unwrapEntryKey(vault, place, await wrapEntryKey(vault, place, entryKey))).toEqual(entryKey);
  });

  it.each([
    ['another item', { itemId: 'item-2' }],
    ['another vault', { vaultId: 'vault-2' }],
    ['another vault-key version', { vaultKeyVersion: 2 }],
  ])('refuse a wrapped entry key moved to %s', async (_what, change) => {
    const wrapped = await wrapEntryKey(vault, place, entryKey);
    await expect(unwrapEntryKey(vault, { ...place, ...change }, wrapped)).rejects.toThrow(AuthenticationError);
  });
});

describe('forged signatures', () => {
  it('any change to any byte of a wrap signature is refused', async () => {
    const signature = fromBase64Url(wrap.signature);
    await fc.assert(
      fc.asyncProperty(fc.nat(signature.length - 1), fc.integer({ min: 1, max: 255 }), async (index, xor) => {
        const forged = signature.slice();
        forged[index]! ^= xor;
        await expect(unwrapKey({ ...wrap, signature: toBase64Url(forged) }, forBob, bob.keys.encryption.privateKey, alice.certified)).rejects.toThrow(AuthenticationError);
      }),
      { seed: 21, numRuns: 40 },
    );
  });
});

describe('the organisation key-encryption key', () => {
  it('reaches a new administrator as a signed wrap and opens the organisation key', async () => {
    const created = await createOrganisationKey('org-1');
    const grant = await wrapKey({ kind: 'organisation', subjectId: 'org-1', keyVersion: 1 }, created.keyEncryptionKey, carol.certified, granter);
    const expected: WrapAddress = { kind: 'organisation', subjectId: 'org-1', recipientId: 'carol', keyVersion: 1 };
    const keyEncryptionKey = await unwrapKey(grant, expected, carol.keys.encryption.privateKey, alice.certified);
    const opened = await openOrganisationKey('org-1', keyEncryptionKey, created.sealed, created.key.fingerprint);
    expect(opened.fingerprint).toBe(created.key.fingerprint);
    // The same wrap cannot be passed off as a vault key.
    await expect(unwrapKey(grant, { ...expected, kind: 'vault' }, carol.keys.encryption.privateKey, alice.certified)).rejects.toThrow(AuthenticationError);
  });
});

describe('verify, then open', () => {
  it('verification needs no private key, and opening accepts only what verification produced', async () => {
    const verified = await verifyKeyWrap(wrap, forBob, alice.certified);
    expect(await openKeyWrap(verified, bob.keys.encryption.privateKey)).toEqual(vaultKey);
    await expect(openKeyWrap({ wrap: { ...wrap, subjectId: 'vault-2' }, address: { ...forBob, subjectId: 'vault-2' } }, bob.keys.encryption.privateKey)).rejects.toThrow('not verified');
  });
});
