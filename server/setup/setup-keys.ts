import { verifyCertificate } from '../../lib/crypto/certificates';
import { CryptoError } from '../../lib/crypto/errors';
import { fingerprint } from '../../lib/crypto/fingerprints';
import { fromBase64Url } from '../../lib/crypto/bytes';
import { importSigningPublicKey } from '../../lib/crypto/user-keys';
import { verifyKeyWrap } from '../../lib/crypto/wraps';
import type { SetupRequest } from '../../lib/contract/setup';
import { ApiError } from '../http/errors';

// The server is not trusted by clients, but it still refuses setup data that cannot be right, so a
// buggy or hostile client cannot leave an organisation nobody can use: the owner's certificate must
// be signed by the organisation key and name exactly the owner's keys, and the organisation KEK
// wrap must be addressed to the owner and signed by them.

const sameKey = (a: { alg: string; spki: string }, b: { alg: string; spki: string }) => a.alg === b.alg && a.spki === b.spki;

/** Checks the keys of a setup request belong together; returns the organisation key fingerprint. */
export async function checkSetupKeys(request: SetupRequest): Promise<string> {
  const { organisation, owner, organisationKeyWrap } = request;
  try {
    const organisationKey = await importSigningPublicKey(organisation.signingKey);
    const certified = await verifyCertificate(owner.certificate, organisationKey, { organisationId: organisation.id, userId: owner.id });
    const body = owner.certificate.body;
    if (body.login !== owner.login || body.role !== 'administrator') throw new ApiError('invalidKeys', { field: 'body.owner.certificate', detail: 'certificate names another login or role' });
    if (!sameKey(body.encryptionKey, owner.encryptionKey) || !sameKey(body.signingKey, owner.signingKey)) throw new ApiError('invalidKeys', { field: 'body.owner.certificate', detail: 'certificate names other keys' });
    if (organisationKeyWrap.granterId !== owner.id) throw new ApiError('invalidKeys', { field: 'body.organisationKeyWrap', detail: 'the owner must grant the KEK' });
    await verifyKeyWrap(organisationKeyWrap, { kind: 'organisation', subjectId: organisation.id, recipientId: owner.id, keyVersion: 1 }, certified);
    return await fingerprint(fromBase64Url(organisation.signingKey.spki));
  } catch (error) {
    if (error instanceof CryptoError) throw new ApiError('invalidKeys', { detail: error.message });
    throw error;
  }
}
