// Test support (not used by the product): an organisation with certified members, built with the
// real functions so tests of wraps and certificates start from what a real client would hold.
import { issueCertificate, verifyCertificate, type CertifiedMember, type MemberCertificate, type MemberRole } from './certificates';
import { createOrganisationKey, type OrganisationKey } from './organisation';
import { generateUserKeys, ENCRYPTION_ALG, SIGNING_ALG, type UserKeys } from './user-keys';
import { toBase64Url } from './bytes';

type GeneratedKeys = Awaited<ReturnType<typeof generateUserKeys>>;

/** A member as their own unlocked client holds them, plus their certificate and certified view. */
export interface TestMember {
  userId: string;
  keys: UserKeys;
  certificate: MemberCertificate;
  certified: CertifiedMember;
}

/** A test organisation: its key and a function to add certified members. */
export async function createTestOrganisation(organisationId = 'org-1'): Promise<{ organisationId: string; key: OrganisationKey; addMember(userId: string, role?: MemberRole, keys?: GeneratedKeys): Promise<TestMember> }> {
  const { key } = await createOrganisationKey(organisationId);
  return {
    organisationId,
    key,
    addMember: async (userId, role = 'member', keys) => {
      const generated = keys ?? (await generateUserKeys());
      const certificate = await issueCertificate(key.privateKey, {
        version: 1,
        organisationId,
        userId,
        login: `${userId}@acme.test`,
        role,
        encryptionKey: { alg: ENCRYPTION_ALG, spki: toBase64Url(generated.encryption.spki) },
        signingKey: { alg: SIGNING_ALG, spki: toBase64Url(generated.signing.spki) },
        issuedAt: 1_800_000_000,
      });
      const certified = await verifyCertificate(certificate, key.publicKey, { organisationId, userId });
      return { userId, keys: { encryption: generated.encryption, signing: generated.signing }, certificate, certified };
    },
  };
}
