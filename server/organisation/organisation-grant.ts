import type { Insertable, Kysely } from 'kysely';
import { verifyCertificate, type CertifiedMember, type MemberCertificate } from '../../lib/crypto/certificates';
import { CryptoError } from '../../lib/crypto/errors';
import { importSigningPublicKey, type PublicKeyRecord } from '../../lib/crypto/user-keys';
import { verifyKeyWrap, type KeyWrap } from '../../lib/crypto/wraps';
import type { KeyWrapsTable, OrganisationTable, Tables, UsersTable } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { usersRepository } from '../users/users.repository';
import { organisationRepository } from './organisation.repository';

// Handing the organisation key to another administrator (docs/access-control.md, "Who holds the
// organisation key"): the granter's client wraps the organisation KEK to the recipient's certified
// encryption key and signs the wrap. The server cannot read the wrap, but it refuses one that is not
// addressed to the recipient, not signed by the granter or not of the granter's own KEK version, the
// way setup-keys.ts checks the owner's, so a buggy or hostile client cannot leave an administrator
// whose key does not open.

const sameKey = (a: PublicKeyRecord, stored: string) => JSON.stringify({ alg: a.alg, spki: a.spki }) === stored;

/** Runs `check`, turning a failed signature or certificate into a 400 on `field`. */
async function asInvalidKeys<T>(field: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof CryptoError) throw new ApiError('invalidKeys', { field, detail: error.message });
    throw error;
  }
}

async function theOrganisation(db: Kysely<Tables>): Promise<OrganisationTable> {
  const organisation = await organisationRepository(db).get();
  if (!organisation) throw new ApiError('notFound', { detail: 'the server is not set up' });
  return organisation;
}

/** Verifies `certificate` against the organisation key for `userId`; 400 on `field` otherwise. */
async function certified(organisation: OrganisationTable, certificate: MemberCertificate, userId: string, field: string): Promise<CertifiedMember> {
  return asInvalidKeys(field, async () => verifyCertificate(certificate, await importSigningPublicKey(JSON.parse(organisation.signing_key) as PublicKeyRecord), { organisationId: organisation.id, userId }));
}

/**
 * Checks that `certificate` is an administrator certificate for `user`'s very keys and login, signed by
 * the organisation key: what a promotion must carry (the keys do not change, only the role).
 */
export async function checkAdministratorCertificate(db: Kysely<Tables>, user: UsersTable, certificate: MemberCertificate, field: string): Promise<void> {
  const body = certificate.body;
  if (body.login !== user.login || body.role !== 'administrator' || !sameKey(body.encryptionKey, user.encryption_key) || !sameKey(body.signingKey, user.signing_key)) {
    throw new ApiError('invalidKeys', { field, detail: 'certificate names other keys, login or role' });
  }
  await certified(await theOrganisation(db), certificate, user.id, field);
}

/**
 * Checks an organisation KEK wrap from `granterId` (an administrator holding the KEK) to `recipientId`,
 * and returns the key_wraps row to store, sealed like the owner's.
 */
export async function checkedOrganisationWrap(deps: { db: Kysely<Tables>; sealer: Sealer; now: () => number }, granterId: string, recipientId: string, wrap: KeyWrap, field: string): Promise<Insertable<KeyWrapsTable>> {
  const users = usersRepository(deps.db);
  const organisation = await theOrganisation(deps.db);
  const [granter, own] = await Promise.all([users.byId(granterId), users.keyWrap('organisation', organisation.id, granterId)]);
  if (!granter?.certificate || !own) throw new ApiError('forbidden', { field, detail: 'only a holder of the organisation key hands it on' });
  if (wrap.granterId !== granterId) throw new ApiError('invalidKeys', { field, detail: 'the wrap names another granter' });
  const signer = await certified(organisation, JSON.parse(granter.certificate) as MemberCertificate, granterId, field);
  const address = { kind: 'organisation' as const, subjectId: organisation.id, recipientId, keyVersion: own.key_version };
  await asInvalidKeys(field, () => verifyKeyWrap(wrap, address, signer));
  const rowId = `organisation/${organisation.id}/${recipientId}/${own.key_version}`;
  return { kind: 'organisation', subject_id: organisation.id, recipient_id: recipientId, key_version: own.key_version, wrap: deps.sealer.seal(JSON.stringify(wrap), { table: 'key_wraps', column: 'wrap', rowId }), created_at: deps.now() };
}
