import { beforeAll, describe, expect, it } from 'vitest';
import type { CertifiedMember } from '../crypto/certificates';
import { AuthenticationError, CryptoError } from '../crypto/errors';
import { createTestOrganisation, type TestMember } from '../crypto/test-members';
import type { KeyWrap } from '../crypto/wraps';
import { openItem, revealField, sealNewItem } from './item';
import { newVaultKey, openVaultKey, prepareVault, wrapVaultKey, type Granter, type HeldVaultKey } from './vault-keys';

// RSA key generation is slow: one organisation for the file. Alice and Bob are administrators,
// Carol an ordinary member.
let alice: TestMember;
let bob: TestMember;
let carol: TestMember;
const granter = (member: TestMember): Granter => ({ userId: member.userId, signingKey: member.keys.signing.privateKey });

beforeAll(async () => {
  const organisation = await createTestOrganisation();
  [alice, bob, carol] = await Promise.all([organisation.addMember('user-alice', 'administrator'), organisation.addMember('user-bob', 'administrator'), organisation.addMember('user-carol')]);
});

/** Opens `wrap` as `member` would, expecting it to be for `vaultId` version 1 unless told otherwise. */
function open(member: TestMember, wrap: KeyWrap, from: CertifiedMember, expected: { vaultId?: string; keyVersion?: number } = {}): Promise<HeldVaultKey> {
  return openVaultKey({ vaultId: expected.vaultId ?? 'vault-company', keyVersion: expected.keyVersion ?? 1, wrap, me: member.userId, privateKey: member.keys.encryption.privateKey, granter: from });
}

async function companyVault() {
  return prepareVault({ id: 'vault-company', kind: 'company', name: 'Company', me: alice.certified, signingKey: alice.keys.signing.privateKey, administrators: [alice.certified, bob.certified] });
}

const item = { folderId: null, name: 'Acme', login: 'ops@acme.test', urls: [], fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: 's3cret' }], tags: [], colour: null, description: '', favourite: false };

describe('vault keys', () => {
  it('a company vault is wrapped to its creator and every administrator once; an administrator opens it', async () => {
    const { request, vaultKey } = await companyVault();
    expect(request).toMatchObject({ id: 'vault-company', kind: 'company', name: 'Company' });
    expect(request.wraps.map((wrap) => [wrap.recipientId, wrap.granterId, wrap.subjectId, wrap.keyVersion])).toEqual([
      ['user-alice', 'user-alice', 'vault-company', 1],
      ['user-bob', 'user-alice', 'vault-company', 1],
    ]);
    const bobsKey = await open(bob, request.wraps[1]!, alice.certified);
    expect(bobsKey.raw).toEqual(vaultKey.raw);
    const record = await sealNewItem(vaultKey, 'item-0001', item);
    expect(await revealField(record, await openItem(record, bobsKey), 'password')).toBe('s3cret');
  });

  it('a private vault is wrapped to its creator only', async () => {
    const { request, vaultKey } = await prepareVault({ id: 'vault-private', kind: 'private', name: 'Mine', me: carol.certified, signingKey: carol.keys.signing.privateKey, administrators: [alice.certified] });
    expect(request.wraps.map((wrap) => wrap.recipientId)).toEqual(['user-carol']);
    expect((await open(carol, request.wraps[0]!, carol.certified, { vaultId: 'vault-private' })).raw).toEqual(vaultKey.raw);
  });

  it('refuses a company vault wrapped to a member the server passed off as an administrator', async () => {
    const made = prepareVault({ id: 'vault-company', kind: 'company', name: 'Company', me: alice.certified, signingKey: alice.keys.signing.privateKey, administrators: [carol.certified] });
    await expect(made).rejects.toMatchObject({ code: 'recipientNotAdministrator' });
  });

  it('refuses to make a vault with a signing key that is not the creator’s', async () => {
    const made = prepareVault({ id: 'vault-company', kind: 'private', name: 'Mine', me: alice.certified, signingKey: bob.keys.signing.privateKey });
    await expect(made).rejects.toThrow(AuthenticationError);
  });

  it.each<[string, Partial<KeyWrap>, { vaultId?: string; keyVersion?: number; reader?: 'carol' }]>([
    ['another vault', { subjectId: 'vault-other' }, { vaultId: 'vault-other' }],
    ['another key version', { keyVersion: 2 }, { keyVersion: 2 }],
    ['another recipient', { recipientId: 'user-carol' }, { reader: 'carol' }],
  ])('refuses a wrap relabelled to %s, and a genuine wrap read as if it were for it', async (_, relabel, expected) => {
    const { request } = await companyVault();
    const wrap = request.wraps[1]!;
    const reader = expected.reader === 'carol' ? carol : bob;
    await expect(open(reader, { ...wrap, ...relabel }, alice.certified, expected)).rejects.toThrow(AuthenticationError);
    await expect(open(reader, wrap, alice.certified, expected)).rejects.toThrow(AuthenticationError);
    // The genuine wrap, read as addressed, still opens: the refusals above are about the address.
    await expect(open(bob, wrap, alice.certified)).resolves.toBeDefined();
  });

  it('refuses a wrap checked against another granter, or signed by someone other than its granter', async () => {
    const { request } = await companyVault();
    const wrap = request.wraps[1]!;
    await expect(open(bob, wrap, carol.certified)).rejects.toThrow(AuthenticationError);
    await expect(open(bob, { ...wrap, granterId: 'user-carol' }, carol.certified)).rejects.toThrow(AuthenticationError);
    const forged = await wrapVaultKey(await newVaultKey('vault-company'), bob.certified, { userId: 'user-alice', signingKey: carol.keys.signing.privateKey });
    await expect(open(bob, forged, alice.certified)).rejects.toThrow(AuthenticationError);
  });

  it('refuses a granter that did not come out of certificate verification', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const forged = await wrapVaultKey(await newVaultKey('vault-company'), bob.certified, { userId: 'user-alice', signingKey: pair.privateKey });
    const fakeAlice: CertifiedMember = { ...alice.certified, signingKey: pair.publicKey };
    await expect(open(bob, forged, fakeAlice)).rejects.toThrow(AuthenticationError);
    // Even a faithful copy of a certified member is refused: only verifyCertificate vouches for keys.
    const { request } = await companyVault();
    await expect(open(bob, request.wraps[1]!, { ...alice.certified })).rejects.toThrow(AuthenticationError);
  });

  it('refuses to wrap to a hand-made member, even one copied from a certified member', async () => {
    const { vaultKey } = await companyVault();
    const impostor: CertifiedMember = { ...bob.certified, encryptionKey: carol.certified.encryptionKey };
    for (const recipient of [impostor, { ...bob.certified }]) {
      await expect(wrapVaultKey(vaultKey, recipient, granter(alice))).rejects.toMatchObject({ code: 'recipientNotCertified' });
      await expect(wrapVaultKey(vaultKey, recipient, granter(alice))).rejects.toThrow(CryptoError);
    }
    const made = prepareVault({ id: 'vault-company', kind: 'company', name: 'Company', me: alice.certified, signingKey: alice.keys.signing.privateKey, administrators: [impostor] });
    await expect(made).rejects.toMatchObject({ code: 'recipientNotCertified' });
  });

  it('sharing: a member who opened the vault wraps it to one more member, who opens it', async () => {
    const { request, vaultKey } = await companyVault();
    const record = await sealNewItem(vaultKey, 'item-0001', item);
    const bobsKey = await open(bob, request.wraps[1]!, alice.certified);
    const wrap = await wrapVaultKey(bobsKey, carol.certified, granter(bob));
    expect(wrap).toMatchObject({ kind: 'vault', subjectId: 'vault-company', recipientId: 'user-carol', granterId: 'user-bob', keyVersion: 1 });
    const carolsKey = await open(carol, wrap, bob.certified);
    expect(await revealField(record, await openItem(record, carolsKey), 'password')).toBe('s3cret');
    // Carol's wrap is hers alone: Bob's private key cannot read it even if the server hands it to him.
    await expect(open(bob, { ...wrap, recipientId: 'user-bob' }, bob.certified)).rejects.toThrow(AuthenticationError);
  });

  it('a new vault key is 32 random bytes at version 1', async () => {
    const [first, second] = await Promise.all([newVaultKey('vault-a'), newVaultKey('vault-a')]);
    expect(first).toMatchObject({ vaultId: 'vault-a', version: 1 });
    expect(first.raw).toHaveLength(32);
    expect(first.raw).not.toEqual(second.raw);
  });
});
