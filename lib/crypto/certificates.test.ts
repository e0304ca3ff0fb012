import { describe, expect, it } from 'vitest';
import { issueCertificate, verifyCertificate } from './certificates';
import { CertificateError, PinMismatchError, UnknownVersionError } from './errors';
import { displayFingerprint } from './fingerprints';
import { createOrganisationKey, openOrganisationKey, pinnedOrganisationKey } from './organisation';
import { createTestOrganisation } from './test-members';

const org = await createTestOrganisation('org-1');
const alice = await org.addMember('alice', 'administrator');
const rogue = await createTestOrganisation('org-1');

describe('member certificates', () => {
  it('verify against the organisation key and yield the certified keys', async () => {
    const member = await verifyCertificate(alice.certificate, org.key.publicKey, { organisationId: 'org-1', userId: 'alice' });
    expect(member).toMatchObject({ userId: 'alice', login: 'alice@acme.test', role: 'administrator' });
    expect(member.encryptionFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse a certificate signed by any other key (a server-made organisation)', async () => {
    const forged = await issueCertificate(rogue.key.privateKey, alice.certificate.body);
    await expect(verifyCertificate(forged, org.key.publicKey, { organisationId: 'org-1' })).rejects.toThrow(CertificateError);
  });

  it.each([
    ['a swapped encryption key', (body: typeof alice.certificate.body) => ({ ...body, encryptionKey: { ...body.encryptionKey, spki: body.signingKey.spki } })],
    ['a promoted role', (body: typeof alice.certificate.body) => ({ ...body, role: 'administrator' as const, login: 'mallory@acme.test' })],
    ['another user id', (body: typeof alice.certificate.body) => ({ ...body, userId: 'mallory' })],
  ])('refuse %s', async (_what, change) => {
    const tampered = { ...alice.certificate, body: change(alice.certificate.body) };
    await expect(verifyCertificate(tampered, org.key.publicKey, { organisationId: 'org-1' })).rejects.toThrow(CertificateError);
  });

  it('refuse a valid certificate that names another user or organisation than expected', async () => {
    await expect(verifyCertificate(alice.certificate, org.key.publicKey, { organisationId: 'org-1', userId: 'bob' })).rejects.toThrow('another user');
    await expect(verifyCertificate(alice.certificate, org.key.publicKey, { organisationId: 'org-2' })).rejects.toThrow('another organisation');
  });
});

describe('organisation key', () => {
  it('opens with its KEK when the pinned fingerprint matches, and signs certificates that verify', async () => {
    const created = await createOrganisationKey('org-9');
    const opened = await openOrganisationKey('org-9', created.keyEncryptionKey, created.sealed, created.key.fingerprint);
    const bob = await org.addMember('bob');
    const certificate = await issueCertificate(opened.privateKey, { ...bob.certificate.body, organisationId: 'org-9' });
    await expect(verifyCertificate(certificate, created.key.publicKey, { organisationId: 'org-9' })).resolves.toMatchObject({ userId: 'bob' });
  });

  it('is refused when it is not the pinned key (a hard failure)', async () => {
    await expect(pinnedOrganisationKey(rogue.key.record, org.key.fingerprint)).rejects.toThrow(PinMismatchError);
    await expect(pinnedOrganisationKey(org.key.record, org.key.fingerprint.toUpperCase())).resolves.toBeDefined();
  });

  it('does not open under another organisation id or KEK', async () => {
    const created = await createOrganisationKey('org-9');
    await expect(openOrganisationKey('org-8', created.keyEncryptionKey, created.sealed, created.key.fingerprint)).rejects.toThrow('wrong key, or tampered');
    await expect(openOrganisationKey('org-9', new Uint8Array(32), created.sealed, created.key.fingerprint)).rejects.toThrow('wrong key, or tampered');
  });

  it('refuses another signing algorithm', async () => {
    await expect(pinnedOrganisationKey({ ...org.key.record, alg: 'ed25519' }, org.key.fingerprint)).rejects.toThrow(UnknownVersionError);
  });

  it('shows fingerprints in groups of four for people to compare', () => {
    expect(displayFingerprint('0123456789abcdef'.repeat(4))).toBe('0123 4567 89AB CDEF '.repeat(4).trim());
  });
});
