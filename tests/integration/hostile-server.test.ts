import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemRoute, getItemRoute, getSnapshotRoute, updateItemRoute } from '../../lib/contract/items';
import { userPublicKeyRoute } from '../../lib/contract/users';
import { createVaultRoute, getVaultRoute, putVaultMemberRoute } from '../../lib/contract/vaults';
import { randomBytes, toBase64Url } from '../../lib/crypto/bytes';
import { issueCertificate, type CertifiedMember, type MemberCertificate } from '../../lib/crypto/certificates';
import { AuthenticationError, CertificateError, PinMismatchError } from '../../lib/crypto/errors';
import { createOrganisationKey } from '../../lib/crypto/organisation';
import { importEncryptionPublicKey, ENCRYPTION_ALG, SIGNING_ALG, type PublicKeyRecord } from '../../lib/crypto/user-keys';
import { openKeyWrap, verifyKeyWrap, wrapKey, wrapLabel, type KeyWrap } from '../../lib/crypto/wraps';
import { openItem, revealField, sealNewItem, updateItem, type ItemInput } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { openSnapshot } from '../../lib/vault/snapshot';
import { prepareVault, wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { hostileServer, type HostileServer, type ItemSecrets } from '../helpers/tamper';
import { ENGINES } from '../helpers/test-database';

// The threat model (design.md §2): the server and its database may be hostile. Here the server's
// operator changes rows directly, holding the server key, so the second layer of encryption is no
// obstacle: every sealed value is opened, changed and sealed again for the right row. Only the
// client's checks stand in the way. Each case first shows the honest read works, so a refusal is
// the check at work and not a broken fixture.

const input = (name: string, password: string): ItemInput => ({
  folderId: null,
  name,
  login: 'bob@acme.test',
  urls: [{ url: 'https://login.acme.test/', match: 'domain' }],
  fields: [
    { id: 'password', type: 'password', label: 'Password', value: password },
    { id: 'pin', type: 'password', label: 'PIN', value: `${password} pin` },
    { id: 'notes', type: 'notes', label: 'Notes', value: `${password} notes` },
  ],
  tags: [],
  colour: null,
  description: '',
  favourite: false,
});

async function rogueSigningKey(): Promise<{ privateKey: CryptoKey; record: PublicKeyRecord }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  return { privateKey: pair.privateKey, record: { alg: SIGNING_ALG, spki: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))) } };
}

/** What a hostile server serves in place of Alice's certificate (and perhaps the organisation key). */
type Forgery = { certificate: MemberCertificate; organisationKey?: PublicKeyRecord };

describe.each(ENGINES)('a hostile server on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let hostile: HostileServer;
  let organisation: TestOrganisation;
  let alice: TestMember;
  let bob: TestMember;
  let bobCertified: CertifiedMember;
  /** Two vaults Alice made and shared with Bob, with their keys as Alice holds them. */
  let work: HeldVaultKey;
  let home: HeldVaultKey;

  async function sharedVault(name: string): Promise<HeldVaultKey> {
    const { request, vaultKey } = await prepareVault({ id: newId(), kind: 'company', name, me: alice.certified, signingKey: alice.keys.signing.privateKey });
    await alice.api.call(createVaultRoute, { body: request });
    await alice.api.call(putVaultMemberRoute, { params: { id: vaultKey.vaultId, userId: bob.userId }, body: { level: 'edit', wrap: await wrapVaultKey(vaultKey, bobCertified, alice.granter) } });
    return vaultKey;
  }

  async function newItem(vault: HeldVaultKey, name: string, password: string): Promise<string> {
    const itemId = newId();
    await alice.api.call(createItemRoute, { body: await sealNewItem(vault, itemId, input(name, password)) });
    return itemId;
  }

  /** Bob's client reading an item: the key of the vault the server says it is in, then the checks. */
  async function bobReads(itemId: string, fieldId = 'password'): Promise<string> {
    const served = await bob.api.call(getItemRoute, { params: { id: itemId } });
    return revealField(served, await openItem(served, await organisation.openVault(bob, served.vaultId)), fieldId);
  }

  /** Runs `work` with the users row of `userId` tampered, and puts the row back afterwards. */
  async function withUserRow(userId: string, changes: { certificate?: string; encryption_key?: string }, run: () => Promise<void>): Promise<void> {
    const original = await hostile.db.selectFrom('users').select(['certificate', 'encryption_key']).where('id', '=', userId).executeTakeFirstOrThrow();
    await hostile.db.updateTable('users').set(changes).where('id', '=', userId).execute();
    try {
      await run();
    } finally {
      await hostile.db.updateTable('users').set(original).where('id', '=', userId).execute();
    }
  }

  async function storedCertificate(userId: string): Promise<MemberCertificate> {
    const row = await hostile.db.selectFrom('users').select('certificate').where('id', '=', userId).executeTakeFirstOrThrow();
    return JSON.parse(row.certificate!) as MemberCertificate;
  }

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    alice = organisation.owner;
    bob = await organisation.addMember('bob@acme.test');
    bobCertified = await organisation.certifiedMember(bob.userId);
    [work, home] = [await sharedVault('Work'), await sharedVault('Home')];
    hostile = hostileServer(server);
  });
  afterAll(async () => {
    await hostile?.close();
    await server?.stop();
  });

  describe('swapping encrypted parts between items', () => {
    it.skipIf(!available).each<[string, (a: ItemSecrets, b: ItemSecrets) => ItemSecrets]>([
      ['fields and entry-key wrap', (_, b) => b],
      ['entry-key wrap only', (a, b) => ({ ...a, entryKey: b.entryKey })],
    ])('the item with the other item’s %s does not open', async (_, swap) => {
      const [a, b] = [await newItem(work, 'Alpha', 'alpha password'), await newItem(work, 'Bravo', 'bravo password')];
      expect(await bobReads(a)).toBe('alpha password');
      await hostile.setItemSecrets(a, swap(await hostile.itemSecrets(a), await hostile.itemSecrets(b)));
      // The entry-key wrap is bound to its vault and item: B's entry key does not unwrap as A's.
      await expect(bobReads(a)).rejects.toThrow(AuthenticationError);
    });

    it.skipIf(!available)('the item with the other item’s fields opens, but no field decrypts', async () => {
      const [a, b] = [await newItem(work, 'Charlie', 'charlie password'), await newItem(work, 'Delta', 'delta password')];
      expect(await bobReads(a)).toBe('charlie password');
      await hostile.setItemSecrets(a, { ...(await hostile.itemSecrets(a)), fields: (await hostile.itemSecrets(b)).fields });
      // Field ids, types and labels are the same in both items, so the metadata MAC still holds: it
      // covers the metadata, not the values. Each value is bound to its item, revision and field.
      const served = await bob.api.call(getItemRoute, { params: { id: a } });
      const opened = await openItem(served, await organisation.openVault(bob, work.vaultId));
      for (const field of ['password', 'pin', 'notes']) await expect(revealField(served, opened, field)).rejects.toThrow(AuthenticationError);
    });

    it.skipIf(!available)('two fields of one item, under the same entry key, swapped: neither decrypts', async () => {
      const itemId = await newItem(work, 'Echo', 'echo password');
      expect(await bobReads(itemId, 'pin')).toBe('echo password pin');
      const secrets = await hostile.itemSecrets(itemId);
      const value = (id: string) => secrets.fields.find((field) => field.id === id)!.value;
      const fields = secrets.fields.map((field) => (field.id === 'password' ? { ...field, value: value('pin') } : field.id === 'pin' ? { ...field, value: value('password') } : field));
      await hostile.setItemSecrets(itemId, { ...secrets, fields });
      // The context names the field id: the PIN's ciphertext cannot pass for the password.
      await expect(bobReads(itemId, 'password')).rejects.toThrow(AuthenticationError);
      await expect(bobReads(itemId, 'pin')).rejects.toThrow(AuthenticationError);
      expect(await bobReads(itemId, 'notes')).toBe('echo password notes');
    });
  });

  describe('rewriting clear metadata', () => {
    it.skipIf(!available).each<[string, (itemId: string) => Promise<void>]>([
      ['its URL', (id) => hostile.updateItemRow(id, { urls: JSON.stringify([{ url: 'https://login.evil.test/', match: 'domain' }]) })],
      ['its URL match rule', (id) => hostile.updateItemRow(id, { urls: JSON.stringify([{ url: 'https://', match: 'starts-with' }]) })],
      ['its login', (id) => hostile.updateItemRow(id, { login: 'mallory@evil.test' })],
      ['its name', (id) => hostile.updateItemRow(id, { name: 'Evil Corp' })],
      ['its revision', async (id) => hostile.updateItemRow(id, { revision: (await hostile.itemRow(id)).revision + 1 })],
      [
        'a field’s type',
        async (id) => {
          const secrets = await hostile.itemSecrets(id);
          await hostile.setItemSecrets(id, { ...secrets, fields: secrets.fields.map((field) => (field.id === 'password' ? { ...field, type: 'text' as const } : field)) });
        },
      ],
    ])('an item whose server rewrote %s does not open (metadata MAC)', async (_, rewrite) => {
      const itemId = await newItem(work, 'Foxtrot', 'foxtrot password');
      expect(await bobReads(itemId)).toBe('foxtrot password');
      await rewrite(itemId);
      await expect(bobReads(itemId)).rejects.toThrow(AuthenticationError);
    });

    it.skipIf(!available)('an item the server moved to another of the reader’s vaults does not open with that vault’s key', async () => {
      const itemId = await newItem(work, 'Golf', 'golf password');
      expect(await bobReads(itemId)).toBe('golf password');
      await hostile.updateItemRow(itemId, { vault_id: home.vaultId });
      expect((await bob.api.call(getItemRoute, { params: { id: itemId } })).vaultId).toBe(home.vaultId);
      await expect(bobReads(itemId)).rejects.toThrow(AuthenticationError);
    });
  });

  describe('key wraps and certificates', () => {
    /** A wrap of a key the server made, to Bob's real key, signed with `signingKey` in Alice's name. */
    async function forgedWrap(vault: HeldVaultKey, signingKey: CryptoKey): Promise<KeyWrap> {
      return wrapKey({ kind: 'vault', subjectId: vault.vaultId, keyVersion: vault.version }, randomBytes(32), bobCertified, { userId: alice.userId, signingKey });
    }

    it.skipIf(!available)('a wrap signed by a key outside Alice’s certificate, in her name, is refused', async () => {
      const vault = await sharedVault('Forged wrap');
      expect((await organisation.openVault(bob, vault.vaultId)).raw).toEqual(vault.raw);
      await hostile.putVaultWrap(await forgedWrap(vault, (await rogueSigningKey()).privateKey));
      const served = await bob.api.call(getVaultRoute, { params: { id: vault.vaultId } });
      expect(served.wrap?.granterId).toBe(alice.userId);
      await expect(organisation.openVault(bob, vault.vaultId)).rejects.toThrow(AuthenticationError);
    });

    /** Alice's certificate with `rogue` put in as her signing key: the organisation's signature breaks. */
    async function tampered(rogue: PublicKeyRecord): Promise<Forgery> {
      const genuine = await storedCertificate(alice.userId);
      return { certificate: { ...genuine, body: { ...genuine.body, signingKey: rogue } } };
    }

    /** A certificate for Alice naming `rogue`, issued with an organisation key the server made (and maybe serves). */
    async function reissued(rogue: PublicKeyRecord, serveOrganisationKey: boolean): Promise<Forgery> {
      const { key } = await createOrganisationKey(organisation.organisationId);
      const certificate = await issueCertificate(key.privateKey, { ...(await storedCertificate(alice.userId)).body, signingKey: rogue });
      return serveOrganisationKey ? { certificate, organisationKey: key.record } : { certificate };
    }

    it.skipIf(!available).each<[string, typeof CertificateError | typeof PinMismatchError, (rogue: PublicKeyRecord) => Promise<Forgery>]>([
      ['Alice’s certificate with the rogue key put in', CertificateError, tampered],
      ['a certificate for Alice issued by an organisation key of the server’s own', CertificateError, (rogue) => reissued(rogue, false)],
      ['that certificate, with the server’s organisation key served as the organisation’s', PinMismatchError, (rogue) => reissued(rogue, true)],
    ])('a forged wrap backed by %s is refused', async (_, refusal, forge) => {
      const vault = await sharedVault('Forged certificate');
      expect((await organisation.openVault(bob, vault.vaultId)).raw).toEqual(vault.raw);
      const rogue = await rogueSigningKey();
      const { certificate, organisationKey } = await forge(rogue.record);
      await hostile.putVaultWrap(await forgedWrap(vault, rogue.privateKey));
      const organisationRow = await hostile.db.selectFrom('organisation').select(['id', 'signing_key']).executeTakeFirstOrThrow();
      if (organisationKey) await hostile.db.updateTable('organisation').set({ signing_key: JSON.stringify(organisationKey) }).execute();
      try {
        await withUserRow(alice.userId, { certificate: JSON.stringify(certificate) }, async () => {
          expect((await bob.api.call(getVaultRoute, { params: { id: vault.vaultId } })).granter?.certificate).toEqual(certificate);
          await expect(organisation.openVault(bob, vault.vaultId)).rejects.toThrow(refusal);
        });
      } finally {
        await hostile.db.updateTable('organisation').set({ signing_key: organisationRow.signing_key }).where('id', '=', organisationRow.id).execute();
      }
    });

    it.skipIf(!available)('Alice’s client wraps only to a key Bob’s certificate names, never to one the server swapped in', async () => {
      const vault = await sharedVault('Share to the real Bob');
      const rogue = await crypto.subtle.generateKey({ name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']);
      const rogueRecord: PublicKeyRecord = { alg: ENCRYPTION_ALG, spki: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('spki', rogue.publicKey))) };
      const genuine = await storedCertificate(bob.userId);
      const bobAsServed = () => alice.api.call(userPublicKeyRoute, { params: { id: bob.userId } });
      await expect(organisation.verified(alice, (await bobAsServed()).certificate!, bob.userId)).resolves.toBeDefined();

      // The rogue key inside the certificate: the organisation's signature no longer holds, and a
      // member built by hand from what the server served is not one lib/vault wraps to.
      const swapped: MemberCertificate = { ...genuine, body: { ...genuine.body, encryptionKey: rogueRecord } };
      await withUserRow(bob.userId, { certificate: JSON.stringify(swapped), encryption_key: JSON.stringify(rogueRecord) }, async () => {
        const served = await bobAsServed();
        await expect(organisation.verified(alice, served.certificate!, bob.userId)).rejects.toThrow(CertificateError);
        const handMade: CertifiedMember = { ...bobCertified, encryptionKey: await importEncryptionPublicKey(served.encryptionKey) };
        await expect(wrapVaultKey(vault, handMade, alice.granter)).rejects.toMatchObject({ code: 'recipientNotCertified' });
      });

      // The rogue key only beside the certificate: the client takes the key the certificate names,
      // so the wrap opens with Bob's private key and not with the server's.
      await withUserRow(bob.userId, { encryption_key: JSON.stringify(rogueRecord) }, async () => {
        const served = await bobAsServed();
        expect(served.encryptionKey).toEqual(rogueRecord);
        const wrap = await wrapVaultKey(vault, await organisation.verified(alice, served.certificate!, bob.userId), alice.granter);
        const address = { kind: 'vault' as const, subjectId: vault.vaultId, recipientId: bob.userId, keyVersion: 1 };
        expect(await openKeyWrap(await verifyKeyWrap(wrap, address, alice.certified), bob.keys.encryption.privateKey)).toEqual(vault.raw);
        const decrypt = crypto.subtle.decrypt({ name: 'RSA-OAEP', label: wrapLabel(address) }, rogue.privateKey, Buffer.from(wrap.wrappedKey, 'base64url'));
        await expect(decrypt).rejects.toThrow();
      });
    });
  });

  it.skipIf(!available)('an old revision served as the current one is refused: the revision is in the MAC', async () => {
    const itemId = await newItem(work, 'Hotel', 'leaked password');
    const first = await alice.api.call(getItemRoute, { params: { id: itemId } });
    await alice.api.call(updateItemRoute, { params: { id: itemId }, body: await updateItem(first, work, { fields: input('Hotel', 'rotated password').fields }) });
    expect(await bobReads(itemId)).toBe('rotated password');

    // The kept revision is genuine: it opens as what it is, revision 1.
    const current = await bob.api.call(getItemRoute, { params: { id: itemId } });
    const { entryKey } = await openItem(current, await organisation.openVault(bob, work.vaultId));
    const snapshot = await bob.api.call(getSnapshotRoute, { params: { id: itemId, revision: 1 } });
    expect((await openSnapshot(snapshot.item, entryKey)).fields.find((field) => field.id === 'password')?.value).toBe('leaked password');

    const old = await hostile.revision(itemId, 1);
    await hostile.updateItemRow(itemId, { name: old.name, login: old.login, urls: JSON.stringify(old.urls), metadata_mac: old.metadataMac });
    await hostile.setItemSecrets(itemId, { fields: old.fields, entryKey: old.entryKey });
    expect((await bob.api.call(getItemRoute, { params: { id: itemId } })).revision).toBe(2);
    await expect(bobReads(itemId)).rejects.toThrow(AuthenticationError);
  });
});
