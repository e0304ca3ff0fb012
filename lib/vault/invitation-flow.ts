import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { issueCertificate, type CertifiedMember, type MemberCertificate } from '../crypto/certificates';
import { invitationSecretContext } from '../crypto/contexts';
import { createInvitationSecret, formatInvitationFragment, macInvitationKeys, parseInvitationFragment, verifyInvitationKeys } from '../crypto/invitation';
import { deriveMasterKey, newKdfParams, type KdfParams, type MasterKey } from '../crypto/kdf';
import { openOrganisationKey, pinnedOrganisationKey, type OrganisationKey } from '../crypto/organisation';
import { decryptBytes, deriveSymmetricKey, encryptBytes } from '../crypto/symmetric';
import { generateUserKeys, sealUserKeys, type PublicKeyRecord, type SealedPrivateKey } from '../crypto/user-keys';
import { unwrapKey, type KeyWrap } from '../crypto/wraps';
import type { PasswordPolicy } from '../contract/app-settings';
import { checkPasswordChoice, newId } from './owner-setup';

// The invitation flow on the clients (design.md §2, "Trust in public keys"): an administrator makes
// a secret only the link carries; the newcomer pins the organisation key from the link and MACs its
// new public keys with the secret; an administrator's client checks that MAC and certifies the keys.

/** An administrator's unlocked view of the organisation: its key and the KEK that protects it. */
export interface AdministratorKeys {
  organisationId: string;
  organisationKey: OrganisationKey;
  keyEncryptionKey: Uint8Array<ArrayBuffer>;
  /** The version of the KEK this administrator's wrap holds: the one handed on to other administrators. */
  keyVersion: number;
}

/** Opens the organisation key from GET /organisation/keys, checking the wrap and the pinned fingerprint. */
export async function openAdministratorKeys(
  response: { organisationId: string; signingKey: PublicKeyRecord; encryptedPrivateKey: string; keyWrap: KeyWrap },
  me: { userId: string; encryptionPrivateKey: CryptoKey },
  granter: CertifiedMember,
  pinnedFingerprint: string,
): Promise<AdministratorKeys> {
  const address = { kind: 'organisation' as const, subjectId: response.organisationId, recipientId: me.userId, keyVersion: response.keyWrap.keyVersion };
  const keyEncryptionKey = await unwrapKey(response.keyWrap, address, me.encryptionPrivateKey, granter);
  const organisationKey = await openOrganisationKey(response.organisationId, keyEncryptionKey, { ...response.signingKey, encryptedPkcs8: response.encryptedPrivateKey }, pinnedFingerprint);
  return { organisationId: response.organisationId, organisationKey, keyEncryptionKey, keyVersion: address.keyVersion };
}

/** A new invitation: the body for POST /invitations and the link fragment to send the newcomer. */
export async function prepareInvitation(admin: AdministratorKeys, role: 'administrator' | 'member') {
  const id = newId();
  const secret = createInvitationSecret();
  const encryptedSecret = toBase64Url(await encryptBytes(await deriveSymmetricKey(admin.keyEncryptionKey), invitationSecretContext(id), secret));
  return { body: { id, role, encryptedSecret, expiresInHours: 72 }, fragment: formatInvitationFragment(admin.organisationKey.fingerprint, secret) };
}

/** The newcomer's registration, or a recovered account's new keys (the recovery id as `invitationId`): pins the organisation key from the link, makes and seals keys, MACs them. */
export async function prepareRegistration(input: {
  invitationId: string;
  fragment: string;
  organisationKey: PublicKeyRecord;
  login: string;
  loginPassword: string;
  masterPassword: string;
  policy: PasswordPolicy;
  iterations?: number;
  /** An account recovery keeps the account's id (the sealed keys are bound to it); a newcomer gets a new one. */
  userId?: string;
}): Promise<{ body: { userId: string; login: string; loginPassword: string; kdf: KdfParams; masterKeyHash: string; encryptionKey: SealedPrivateKey; signingKey: SealedPrivateKey; keysMac: string }; masterKey: MasterKey; organisationFingerprint: string }> {
  checkPasswordChoice(input.policy, input.loginPassword, input.masterPassword);
  const { organisationFingerprint, secret } = parseInvitationFragment(input.fragment);
  await pinnedOrganisationKey(input.organisationKey, organisationFingerprint);
  const userId = input.userId ?? newId();
  const login = input.login.trim().toLowerCase();
  const kdf = newKdfParams(input.iterations);
  const [masterKey, generated] = await Promise.all([deriveMasterKey(input.masterPassword, kdf), generateUserKeys()]);
  const sealed = await sealUserKeys(masterKey.key, userId, generated);
  const keysMac = await macInvitationKeys(secret, { invitationId: input.invitationId, login, encryptionKey: sealed.encryption, signingKey: sealed.signing });
  return { body: { userId, login, loginPassword: input.loginPassword, kdf, masterKeyHash: masterKey.hash, encryptionKey: sealed.encryption, signingKey: sealed.signing, keysMac }, masterKey, organisationFingerprint };
}

/** Checks a pending newcomer's MAC with the invitation secret, then issues their certificate. */
export async function certifyNewcomer(
  admin: AdministratorKeys,
  pending: { invitationId: string; encryptedSecret: string; userId: string; login: string; role: 'administrator' | 'member'; encryptionKey: PublicKeyRecord; signingKey: PublicKeyRecord; keysMac: string },
  now = Date.now(),
): Promise<MemberCertificate> {
  const secret = await decryptBytes(await deriveSymmetricKey(admin.keyEncryptionKey), invitationSecretContext(pending.invitationId), fromBase64Url(pending.encryptedSecret));
  const keys = { invitationId: pending.invitationId, login: pending.login, encryptionKey: pending.encryptionKey, signingKey: pending.signingKey };
  await verifyInvitationKeys(secret, keys, pending.keysMac);
  return issueCertificate(admin.organisationKey.privateKey, {
    version: 1,
    organisationId: admin.organisationId,
    userId: pending.userId,
    login: pending.login,
    role: pending.role,
    encryptionKey: { alg: pending.encryptionKey.alg, spki: pending.encryptionKey.spki },
    signingKey: { alg: pending.signingKey.alg, spki: pending.signingKey.spki },
    issuedAt: Math.floor(now / 1000),
  });
}
