import type { ApiClient } from '../api/client';
import { meRoute, userPublicKeyRoute } from '../contract/users';
import { createVaultRoute, listMembersDirectoryRoute, listVaultMembersRoute, putVaultMemberRoute, type AccessLevel } from '../contract/vaults';
import type { CertifiedMember, MemberCertificate } from '../crypto/certificates';
import { sameFingerprint } from '../crypto/fingerprints';
import type { DirectoryMember, VaultMemberRow } from '../messages/protocol';
import { newId } from '../vault/owner-setup';
import { prepareVault, wrapVaultKey } from '../vault/vault-keys';
import type { AccountMaterial, OpenedVault } from './opened-vault';
import { checkSameKeys } from './own-keys';
import { isUnreachable, SessionError } from './session-error';

// Vaults and who may open them, as the worker does it for the vault page (docs/vault-page.md,
// "Vaults and sharing"). The server says who exists and who is a member; only certificates that
// verify against the pinned organisation key are ever wrapped to, and a share wraps to exactly the
// key whose fingerprint the user was shown.

/** The organisation's members whose certificates verify, by login; the rest are counted, never offered. */
export async function memberDirectory(api: ApiClient, vault: OpenedVault): Promise<{ members: DirectoryMember[]; unverified: number }> {
  const { members } = await api.call(listMembersDirectoryRoute);
  const checked = await Promise.all(
    members.map(async (member) => {
      try {
        const certified = await vault.certify(member.certificate as MemberCertificate, member.userId);
        return { userId: certified.userId, login: certified.login, role: certified.role, fingerprint: certified.encryptionFingerprint };
      } catch {
        return null;
      }
    }),
  );
  const verified = checked.filter((member): member is DirectoryMember => member !== null);
  return { members: verified.sort((a, b) => a.login.localeCompare(b.login)), unverified: checked.length - verified.length };
}

/** A vault's members as the server lists them, each with the fingerprint of their verified certificate (null when it does not verify). */
export async function vaultMembers(api: ApiClient, vault: OpenedVault, vaultId: string, myUserId: string): Promise<VaultMemberRow[]> {
  const [{ members }, directory] = await Promise.all([api.call(listVaultMembersRoute, { params: { id: vaultId } }), memberDirectory(api, vault)]);
  const known = new Map(directory.members.map((member) => [member.userId, member]));
  return members.map((member) => ({
    userId: member.userId,
    me: member.userId === myUserId,
    login: known.get(member.userId)?.login ?? member.login,
    level: member.level,
    hasKey: member.hasKey,
    fingerprint: known.get(member.userId)?.fingerprint ?? null,
    grantedBy: known.get(member.grantedBy)?.login ?? null,
  }));
}

/** `userId`'s keys as the server serves them, once their certificate verifies against the pinned organisation key; throws otherwise. */
export async function certifiedMember(api: ApiClient, vault: OpenedVault, userId: string): Promise<CertifiedMember> {
  const served = await api.call(userPublicKeyRoute, { params: { id: userId } });
  if (!served.certificate) throw new SessionError('tampered', `${served.login} has no certificate yet: nothing can be shared with them.`);
  return vault.certify(served.certificate as MemberCertificate, userId);
}

/**
 * Gives `userId` access to a vault at `level`. With `fingerprint` (sharing, or confirming a member
 * whose access is pending) the vault key is wrapped to their certified key, which must be the one
 * shown; without it only the level changes, for a member who already holds the key.
 */
export async function setMemberAccess(api: ApiClient, vault: OpenedVault, input: { vaultId: string; userId: string; level: AccessLevel; fingerprint: string | null }): Promise<void> {
  if (input.fingerprint === null) {
    await api.call(putVaultMemberRoute, { params: { id: input.vaultId, userId: input.userId }, body: { level: input.level } });
    return;
  }
  const member = await certifiedMember(api, vault, input.userId);
  // The certificate is the organisation's word; the fingerprint is what the user compared.
  if (!sameFingerprint(member.encryptionFingerprint, input.fingerprint)) throw new SessionError('tampered', `The key of ${member.login} is not the one shown.`);
  const wrap = await wrapVaultKey(await vault.vaultKey(input.vaultId), member, vault.granter());
  await api.call(putVaultMemberRoute, { params: { id: input.vaultId, userId: input.userId }, body: { level: input.level, wrap } });
}

/** The user's id and certificate, as createVault and ownFingerprint take them. */
export interface SelfCertificate {
  userId: string;
  certificate: MemberCertificate | null;
}

/**
 * The user's certificate: the server's current one (someone who joined by invitation is certified
 * after this device kept their account), else, offline, the one kept at unlock. A certificate of
 * other keys, however genuine, would make vaults this account cannot open: refused.
 */
export async function ownCertificate(api: ApiClient, userId: string, material: AccountMaterial): Promise<SelfCertificate> {
  const kept = material.me.certificate as MemberCertificate | null;
  try {
    const served = (await api.call(meRoute)).certificate as MemberCertificate | null;
    if (served) checkSameKeys(served.body, material, 'a certificate');
    return { userId, certificate: served ?? kept };
  } catch (error) {
    if (kept && isUnreachable(error)) return { userId, certificate: kept };
    throw error;
  }
}

/** The fingerprint of the user's own certified encryption key, which others compare before sharing. */
export async function ownFingerprint(vault: OpenedVault, me: SelfCertificate): Promise<string> {
  if (!me.certificate) throw new SessionError('tampered', 'This account has no certificate yet.');
  return (await vault.certify(me.certificate, me.userId)).encryptionFingerprint;
}

/**
 * A new vault with its key made here: wrapped to the user and, for a company vault, to every
 * administrator the organisation certified as such.
 */
export async function createVault(api: ApiClient, vault: OpenedVault, me: SelfCertificate, input: { name: string; kind: 'company' | 'private' }): Promise<string> {
  if (!me.certificate) throw new SessionError('tampered', 'This account has no certificate: it cannot hold vault keys yet.');
  const myself = await vault.certify(me.certificate, me.userId);
  const administrators = input.kind === 'company' ? await certifiedAdministrators(api, vault) : [];
  const { request } = await prepareVault({ id: newId(), kind: input.kind, name: input.name, me: myself, signingKey: vault.granter().signingKey, administrators });
  return (await api.call(createVaultRoute, { body: request })).id;
}

/** Every member the server calls an administrator, each certificate verified (prepareVault then checks its signed role). */
async function certifiedAdministrators(api: ApiClient, vault: OpenedVault): Promise<CertifiedMember[]> {
  const { members } = await api.call(listMembersDirectoryRoute);
  return Promise.all(members.filter((member) => member.role !== 'member').map((member) => vault.certify(member.certificate as MemberCertificate, member.userId)));
}
