import { issueCertificate, verifyCertificate, type CertifiedMember, type MemberCertificate } from '../crypto/certificates';
import { wrapKey, type KeyWrap } from '../crypto/wraps';
import type { AdministratorKeys } from './invitation-flow';

// Every administrator holds the organisation key (docs/access-control.md, "Who holds the organisation
// key"): whoever certifies or promotes one wraps the organisation KEK to the certificate's encryption
// key and signs the wrap, and the new administrator opens the key from it like the owner does.

/** Who signs a wrap: this account and its signing key. */
export interface WrapGranter {
  userId: string;
  signingKey: CryptoKey;
}

/**
 * The organisation KEK wrapped to the administrator `certificate` names. The certificate is checked
 * against the organisation key first (wrapKey only wraps to a member that verified), so a key the
 * server slipped in never gets the KEK.
 */
export async function organisationKeyWrapFor(admin: AdministratorKeys, certificate: MemberCertificate, granter: WrapGranter): Promise<KeyWrap> {
  const recipient = await verifyCertificate(certificate, admin.organisationKey.publicKey, { organisationId: admin.organisationId, userId: certificate.body.userId });
  return wrapKey({ kind: 'organisation', subjectId: admin.organisationId, keyVersion: admin.keyVersion }, admin.keyEncryptionKey, recipient, granter);
}

/** The body of PUT /users/{id}/certificate: the certificate, and for an administrator the KEK wrap. */
export async function certificationBody(admin: AdministratorKeys, certificate: MemberCertificate, granter: WrapGranter): Promise<{ certificate: MemberCertificate; organisationKeyWrap?: KeyWrap }> {
  if (certificate.body.role !== 'administrator') return { certificate };
  return { certificate, organisationKeyWrap: await organisationKeyWrapFor(admin, certificate, granter) };
}

/**
 * Member to Administrator: a new certificate for the member's same keys and login (`current` is their
 * certificate as it verified against the pinned organisation key), and the KEK wrapped to it.
 */
export async function promotionBody(admin: AdministratorKeys, current: { certificate: MemberCertificate; member: CertifiedMember }, granter: WrapGranter, now = Date.now()): Promise<{ roleId: 'administrator'; certificate: MemberCertificate; organisationKeyWrap: KeyWrap }> {
  const { body } = current.certificate;
  if (current.member.userId !== body.userId || body.organisationId !== admin.organisationId) throw new RangeError('the certificate to promote is not this member’s');
  const certificate = await issueCertificate(admin.organisationKey.privateKey, {
    version: 1,
    organisationId: body.organisationId,
    userId: body.userId,
    login: body.login,
    role: 'administrator',
    encryptionKey: { alg: body.encryptionKey.alg, spki: body.encryptionKey.spki },
    signingKey: { alg: body.signingKey.alg, spki: body.signingKey.spki },
    issuedAt: Math.floor(now / 1000),
  });
  return { roleId: 'administrator', certificate, organisationKeyWrap: await organisationKeyWrapFor(admin, certificate, granter) };
}
