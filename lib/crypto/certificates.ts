import type { Canonical } from './canonical';
import { CertificateError, CryptoError } from './errors';
import { fingerprint } from './fingerprints';
import { fromBase64Url } from './bytes';
import { signStructure, verifyStructure } from './signatures';
import { importEncryptionPublicKey, importSigningPublicKey, type PublicKeyRecord } from './user-keys';

// A member certificate is the organisation key's signature over a member's identity and public
// keys. Clients wrap keys only to certified keys and accept wraps only from certified granters,
// so a server that invents a user or swaps a public key is caught.

/** What a member may do with the organisation key itself (administrators also hold it). */
export type MemberRole = 'administrator' | 'member';

/** The signed content of a certificate. */
export interface CertificateBody {
  version: 1;
  organisationId: string;
  userId: string;
  login: string;
  role: MemberRole;
  encryptionKey: PublicKeyRecord;
  signingKey: PublicKeyRecord;
  /** Seconds since the Unix epoch. */
  issuedAt: number;
}

/** A certificate as stored and served: the body and the organisation's signature. */
export interface MemberCertificate {
  body: CertificateBody;
  signature: string;
}

/** A member whose keys verified against the pinned organisation key: the only thing keys are wrapped to. */
export interface CertifiedMember {
  userId: string;
  login: string;
  role: MemberRole;
  encryptionKey: CryptoKey;
  signingKey: CryptoKey;
  encryptionFingerprint: string;
  signingFingerprint: string;
}

const PURPOSE = 'member-certificate';
// Objects made here and nowhere else: wraps.ts refuses a recipient that is not in this set, so a
// hand-built "member" with an uncertified key cannot be wrapped to even from plain JavaScript.
const certified = new WeakSet<CertifiedMember>();

/** True for members that came out of verifyCertificate. */
export function isCertified(member: CertifiedMember): boolean {
  return certified.has(member);
}

/** Signs a member certificate with the organisation's private key (an administrator's client). */
export async function issueCertificate(organisationPrivateKey: CryptoKey, body: CertificateBody): Promise<MemberCertificate> {
  return { body, signature: await signStructure(organisationPrivateKey, PURPOSE, body as unknown as Canonical) };
}

/**
 * Verifies `certificate` against the pinned organisation public key and the ids the caller expects;
 * returns the member with imported keys. Throws CertificateError (or an error naming the bad key).
 */
export async function verifyCertificate(
  certificate: MemberCertificate,
  organisationKey: CryptoKey,
  expected: { organisationId: string; userId?: string },
): Promise<CertifiedMember> {
  const { body } = certificate;
  if (body.version !== 1) throw new CertificateError(`Unknown certificate version ${String(body.version)}.`);
  try {
    await verifyStructure(organisationKey, PURPOSE, body as unknown as Canonical, certificate.signature, 'certificate');
  } catch (error) {
    if (error instanceof CryptoError) throw new CertificateError(`The certificate of ${JSON.stringify(body.login)} is not signed by this organisation.`);
    throw error;
  }
  if (body.organisationId !== expected.organisationId) throw new CertificateError('The certificate belongs to another organisation.');
  if (expected.userId !== undefined && body.userId !== expected.userId) throw new CertificateError('The certificate names another user.');
  const member: CertifiedMember = {
    userId: body.userId,
    login: body.login,
    role: body.role,
    encryptionKey: await importEncryptionPublicKey(body.encryptionKey),
    signingKey: await importSigningPublicKey(body.signingKey),
    encryptionFingerprint: await fingerprint(fromBase64Url(body.encryptionKey.spki)),
    signingFingerprint: await fingerprint(fromBase64Url(body.signingKey.spki)),
  };
  certified.add(member);
  return member;
}
