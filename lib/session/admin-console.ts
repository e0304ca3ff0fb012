import { ApiRequestError, type ApiClient } from '../api/client';
import { deleteUserRoute, getMfaPolicyRoute, listUsersRoute, reactivateUserRoute, resetLoginPasswordRoute, resetUserMfaRoute, suspendUserRoute, updateMfaPolicyRoute, type AdminUser } from '../contract/admin-users';
import { getAppSettingsRoute, type PasswordRules } from '../contract/app-settings';
import { certifyMemberRoute, createInvitationRoute, listInvitationsRoute, organisationKeysRoute, pendingMembersRoute } from '../contract/invitations';
import { userPublicKeyRoute } from '../contract/users';
import { fromBase64Url } from '../crypto/bytes';
import type { MemberCertificate } from '../crypto/certificates';
import { invitationSecretContext } from '../crypto/contexts';
import { fingerprint, sameFingerprint } from '../crypto/fingerprints';
import { parseInvitationFragment, recoveryAcceptToken, verifyInvitationKeys } from '../crypto/invitation';
import type { MasterKey } from '../crypto/kdf';
import { decryptBytes, deriveSymmetricKey } from '../crypto/symmetric';
import { openUserKeys } from '../crypto/user-keys';
import type { AdminUserRow, InvitationCreated, InvitationRow, PendingMemberRow, RecoveryCreated } from '../messages/protocol';
import { certificationBody, type WrapGranter } from '../vault/administrator-grant';
import { certifyNewcomer, openAdministratorKeys, prepareInvitation, type AdministratorKeys } from '../vault/invitation-flow';
import { startRecoveryRoute } from '../contract/recovery';
import { formatInvitationLink, formatRecoveryLink } from './invitation-link';
import type { AccountMaterial, CacheOwner, OpenedVault } from './opened-vault';
import { SessionError } from './session-error';
import { ownCertificate } from './vault-sharing';

// The admin console of the vault page (issue #10): users, invitations, certificates of newcomers and
// the organisation's second-factor rule. The server decides who may do what; the keys that sign a
// certificate or encrypt an invitation's secret are opened here, in the worker, and never leave it.

/** What the console needs of the unlocked session: its client, its keys and the pinned organisation key. */
export interface AdminContext {
  api: ApiClient;
  owner: CacheOwner;
  masterKey: MasterKey;
  material: AccountMaterial;
  vault: OpenedVault;
}

/** An account as the page gets it. */
export const adminUserRow = ({ id, login, role, roleId, status, mfa, certificatePending, createdAt, lastSignInAt }: AdminUser): AdminUserRow => ({ id, login, role, roleId, status, mfa, certificatePending, createdAt, lastSignInAt });
const row = adminUserRow;

export async function listUsers(api: ApiClient): Promise<{ users: AdminUserRow[]; loginPassword: PasswordRules | null }> {
  const [{ users }, settings] = await Promise.all([api.call(listUsersRoute), api.call(getAppSettingsRoute).catch(() => null)]);
  return { users: users.map(row), loginPassword: settings?.passwordPolicy.loginPassword ?? null };
}

export async function suspendUser(api: ApiClient, userId: string): Promise<AdminUserRow> {
  return row(await api.call(suspendUserRoute, { params: { id: userId } }));
}

export async function reactivateUser(api: ApiClient, userId: string): Promise<AdminUserRow> {
  return row(await api.call(reactivateUserRoute, { params: { id: userId } }));
}

/** Deletes an account; the server's 409 (a vault would be left without an administrator) comes back in its own words. */
export async function deleteUser(api: ApiClient, userId: string): Promise<{ userId: string }> {
  await api.call(deleteUserRoute, { params: { id: userId } });
  return { userId };
}

/** A new login password for someone else; their master password (and so their data) is untouched. */
export async function resetLoginPassword(api: ApiClient, userId: string, password: string): Promise<{ userId: string }> {
  await api.call(resetLoginPasswordRoute, { params: { id: userId }, body: { password } });
  return { userId };
}

/** Turns off a second factor the user lost; the row comes back as the list shows it now. */
export async function resetMfa(api: ApiClient, userId: string): Promise<AdminUserRow> {
  await api.call(resetUserMfaRoute, { params: { id: userId } });
  const listed = (await api.call(listUsersRoute)).users.find((user) => user.id === userId);
  if (!listed) throw new SessionError('notFound', 'That account no longer exists.');
  return row(listed);
}

export async function mfaRule(api: ApiClient): Promise<{ requireMfa: boolean }> {
  return api.call(getMfaPolicyRoute);
}

/** Turns the rule on or off; on while one's own account has no second factor is the server's 409, worded by the page. */
export async function requireMfa(api: ApiClient, on: boolean): Promise<{ requireMfa: boolean }> {
  try {
    return await api.call(updateMfaPolicyRoute, { body: { requireMfa: on } });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 409) throw new SessionError('conflict', error.message);
    throw error;
  }
}

/**
 * The organisation key and its KEK, opened with this account's private key from the wrap the server
 * holds for it; the wrap's granter must be a certified member (often this account itself).
 */
export async function administratorKeys(context: AdminContext): Promise<AdministratorKeys> {
  return (await organisationKeyHolder(context)).admin;
}

/** The opened organisation key and this account as the granter of wraps of its KEK. */
export async function organisationKeyHolder(context: AdminContext): Promise<{ admin: AdministratorKeys; granter: WrapGranter }> {
  const { api, owner, masterKey, material, vault } = context;
  const response = await api.call(organisationKeysRoute);
  const userKeys = await openUserKeys(masterKey.key, owner.userId, { encryption: material.sealedKeys.encryptionKey, signing: material.sealedKeys.signingKey });
  const granterId = response.keyWrap.granterId;
  let certificate: MemberCertificate | null;
  if (granterId === owner.userId) certificate = (await ownCertificate(api, owner.userId, material)).certificate;
  else certificate = (await api.call(userPublicKeyRoute, { params: { id: granterId } })).certificate as MemberCertificate | null;
  if (!certificate) throw new SessionError('tampered', 'The organisation key was handed over by a member without a certificate.');
  const granter = await vault.certify(certificate, granterId);
  const admin = await openAdministratorKeys(response, { userId: owner.userId, encryptionPrivateKey: userKeys.encryption.privateKey }, granter, owner.organisationFingerprint);
  return { admin, granter: { userId: owner.userId, signingKey: userKeys.signing.privateKey } };
}

/** Makes an invitation: its secret encrypted for administrators on the server, the link (with the secret) for the newcomer only. */
export async function invite(context: AdminContext, role: 'administrator' | 'member'): Promise<InvitationCreated> {
  const prepared = await prepareInvitation(await administratorKeys(context), role);
  const created = await context.api.call(createInvitationRoute, { body: prepared.body });
  return { id: created.id, role: created.role, link: formatInvitationLink(context.owner.serverUrl, created.id, prepared.fragment), expiresAt: created.expiresAt };
}

export async function invitations(api: ApiClient): Promise<InvitationRow[]> {
  return (await api.call(listInvitationsRoute)).invitations.map(({ id, role, createdAt, expiresAt, acceptedBy }) => ({ id, role, createdAt, expiresAt, accepted: acceptedBy !== null }));
}

type PendingMember = Parameters<typeof certifyNewcomer>[1];

/** True when the newcomer's keys carry the MAC the invitation's secret gives (what certifyNewcomer checks again). */
async function keysVerify(admin: AdministratorKeys, pending: PendingMember): Promise<boolean> {
  try {
    const secret = await decryptBytes(await deriveSymmetricKey(admin.keyEncryptionKey), invitationSecretContext(pending.invitationId), fromBase64Url(pending.encryptedSecret));
    await verifyInvitationKeys(secret, { invitationId: pending.invitationId, login: pending.login, encryptionKey: pending.encryptionKey, signingKey: pending.signingKey }, pending.keysMac);
    return true;
  } catch {
    return false;
  }
}

/** Fingerprint of a registered encryption key: what the newcomer's own settings page shows them. */
const keyFingerprint = (pending: PendingMember) => fingerprint(fromBase64Url(pending.encryptionKey.spki, 'public key'));

/** Newcomers waiting for a certificate, each with their key's fingerprint and whether their registration MAC checks. */
export async function pendingMembers(context: AdminContext): Promise<PendingMemberRow[]> {
  const { members } = await context.api.call(pendingMembersRoute);
  if (members.length === 0) return [];
  const admin = await administratorKeys(context);
  const rows = await Promise.all(members.map(async (member) => ({ userId: member.userId, login: member.login, role: member.role, fingerprint: await keyFingerprint(member), verified: await keysVerify(admin, member) })));
  return rows.sort((a, b) => a.login.localeCompare(b.login));
}

/** Certifies a newcomer's keys, which must be the ones whose fingerprint the administrator compared; an administrator also gets the organisation KEK. */
export async function certify(context: AdminContext, userId: string, shown: string, now: number): Promise<{ userId: string }> {
  const pending = (await context.api.call(pendingMembersRoute)).members.find((member) => member.userId === userId);
  if (!pending) throw new SessionError('notFound', 'Nobody with this id is waiting for a certificate.');
  if (!sameFingerprint(await keyFingerprint(pending), shown)) throw new SessionError('tampered', `The key of ${pending.login} is not the one shown.`);
  const { admin, granter } = await organisationKeyHolder(context);
  const certificate = await certifyNewcomer(admin, pending, now);
  await context.api.call(certifyMemberRoute, { params: { id: userId }, body: await certificationBody(admin, certificate, granter) });
  return { userId };
}

/**
 * Starts the recovery of an account whose master password is forgotten: a secret made and
 * encrypted here like an invitation's, the link (with the secret) for its user only. The user's
 * new keys are then certified like a newcomer's (pendingMembers, certify).
 */
export async function recover(context: AdminContext, userId: string): Promise<RecoveryCreated> {
  const { body, fragment } = await prepareInvitation(await administratorKeys(context), 'member');
  const acceptToken = await recoveryAcceptToken(parseInvitationFragment(fragment).secret);
  const started = await context.api.call(startRecoveryRoute, { params: { id: userId }, body: { id: body.id, encryptedSecret: body.encryptedSecret, acceptToken, expiresInHours: body.expiresInHours } });
  return { userId: started.userId, login: started.login, link: formatRecoveryLink(context.owner.serverUrl, started.id, fragment), expiresAt: started.expiresAt };
}
