import type { Kysely, Transaction } from 'kysely';
import { verifyCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { CryptoError } from '../../lib/crypto/errors';
import { importSigningPublicKey, type PublicKeyRecord } from '../../lib/crypto/user-keys';
import { verifyKeyWrap, type KeyWrap } from '../../lib/crypto/wraps';
import type { Tables } from '../db/tables';
import { ApiError } from '../http/errors';
import { organisationRepository } from '../organisation/organisation.repository';

// Clients never trust the server, but the server need not trust clients either: it stores a vault
// key wrap only when it is addressed to this vault, version and an active certified member, and
// signed by the caller's certified key. A buggy client cannot leave a member holding a wrap that
// their client would refuse.

type Db = Kysely<Tables> | Transaction<Tables>;

/** Checks one wrap as `granterId` hands the key of `vaultId` at `keyVersion` to its recipient. */
export async function checkVaultWrap(db: Db, wrap: KeyWrap, expected: { vaultId: string; keyVersion: number; granterId: string; field: string }): Promise<void> {
  const invalid = (detail: string) => new ApiError('invalidKeys', { field: expected.field, detail });
  if (wrap.kind !== 'vault' || wrap.subjectId !== expected.vaultId || wrap.keyVersion !== expected.keyVersion) throw invalid('the wrap is addressed to another vault or key version');
  if (wrap.granterId !== expected.granterId) throw invalid('a wrap is signed by whoever sends it');
  const organisation = await organisationRepository(db).get();
  const [granter, recipient] = await Promise.all([db.selectFrom('users').select(['certificate', 'status']).where('id', '=', wrap.granterId).executeTakeFirst(), db.selectFrom('users').select(['certificate', 'status']).where('id', '=', wrap.recipientId).executeTakeFirst()]);
  if (!recipient || recipient.status !== 'active' || !recipient.certificate) throw new ApiError('notFound', { field: expected.field, detail: 'the recipient is not a certified member' });
  if (!organisation || !granter?.certificate) throw invalid('the granter has no certificate');
  try {
    const organisationKey = await importSigningPublicKey(JSON.parse(organisation.signing_key) as PublicKeyRecord);
    const certified = await verifyCertificate(JSON.parse(granter.certificate) as MemberCertificate, organisationKey, { organisationId: organisation.id, userId: wrap.granterId });
    await verifyKeyWrap(wrap, { kind: 'vault', subjectId: expected.vaultId, recipientId: wrap.recipientId, keyVersion: expected.keyVersion }, certified);
  } catch (error) {
    if (error instanceof CryptoError) throw invalid(error.message);
    throw error;
  }
}
