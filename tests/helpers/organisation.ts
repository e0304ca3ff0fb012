import { createApiClient, type ApiClient } from '../../lib/api/client';
import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, organisationKeysRoute, pendingMembersRoute } from '../../lib/contract/invitations';
import { setupRoute } from '../../lib/contract/setup';
import { meRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { getVaultRoute } from '../../lib/contract/vaults';
import { verifyCertificate, type CertifiedMember, type MemberCertificate } from '../../lib/crypto/certificates';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import type { UserKeys } from '../../lib/crypto/user-keys';
import { certificationBody } from '../../lib/vault/administrator-grant';
import { certifyNewcomer, openAdministratorKeys, prepareInvitation, prepareRegistration, type AdministratorKeys } from '../../lib/vault/invitation-flow';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { openVaultKey, type Granter, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { TEST_POLICY } from './policy';
import type { RunningServer } from './server-process';
import { signInAndUnlock } from './unlock';

// A set-up organisation for tests that need several real, certified members: everything goes
// through the API and lib/vault exactly as clients do it, so the server under test holds nothing a
// real installation would not.

/** A signed-in, unlocked member as their own client holds them. */
export interface TestMember {
  userId: string;
  login: string;
  api: ApiClient;
  accessToken: string;
  masterKeyHash: string;
  keys: UserKeys;
  /** Their own certificate, verified against the pinned organisation key. */
  certified: CertifiedMember;
  granter: Granter;
}

export interface TestOrganisation {
  organisationId: string;
  fingerprint: string;
  owner: TestMember;
  /** Creates an invitation as the owner; the link's fragment is what the newcomer's client pins and proves. */
  invite(role?: 'administrator' | 'member'): Promise<{ id: string; fragment: string }>;
  /** The owner's client checks a registered newcomer's MAC and certifies their keys. */
  certify(userId: string): Promise<void>;
  /** Invites, registers, certifies and signs in a new member. */
  addMember(login: string, role?: 'administrator' | 'member'): Promise<TestMember>;
  /** Another member's certificate as the server serves it, verified against the pinned key. */
  certifiedMember(userId: string): Promise<CertifiedMember>;
  /** A certificate the server served, as `member`'s client accepts it: verified against the organisation key pinned by fingerprint. */
  verified(member: TestMember, certificate: MemberCertificate, userId: string): Promise<CertifiedMember>;
  /** The vault key as `member`'s client opens it from GET /vaults/{id}: the granter's certificate first, then the signed wrap. */
  openVault(member: TestMember, vaultId: string): Promise<HeldVaultKey>;
}

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };

/** Signs `login` in and unlocks as their own client would, trusting the organisation key with `fingerprint`. */
export async function unlockedMember(server: Pick<RunningServer, 'url'>, login: string, loginPassword: string, masterPassword: string, fingerprint: string): Promise<TestMember> {
  const session = await signInAndUnlock(server, login, loginPassword, masterPassword);
  const organisationKey = await pinnedOrganisationKey(session.me.organisationKey, fingerprint);
  const certified = await verifyCertificate(session.me.certificate as MemberCertificate, organisationKey, { organisationId: session.me.organisationId, userId: session.me.id });
  return {
    userId: session.me.id,
    login,
    api: session.api,
    accessToken: session.pair.accessToken,
    masterKeyHash: session.masterKeyHash,
    keys: session.keys,
    certified,
    granter: { userId: session.me.id, signingKey: session.keys.signing.privateKey },
  };
}

/** Sets up a fresh server's organisation (owner signed in) and returns a way to add members. */
export async function createTestOrganisation(server: RunningServer): Promise<TestOrganisation> {
  const setup = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: server.setupToken()!, organisationName: 'Acme', ...OWNER, iterations: 300_000 });
  await createApiClient({ baseUrl: server.url }).call(setupRoute, { body: setup.request });
  const fingerprint = setup.organisationFingerprint;
  return organisationOf(server, await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, fingerprint), fingerprint);
}

/** An organisation set up elsewhere (an extension registered its owner), driven through the owner's own client in Node. */
export async function organisationOf(server: Pick<RunningServer, 'url'>, owner: TestMember, fingerprint: string): Promise<TestOrganisation> {
  const admin: AdministratorKeys = await openAdministratorKeys(await owner.api.call(organisationKeysRoute), { userId: owner.userId, encryptionPrivateKey: owner.keys.encryption.privateKey }, owner.certified, fingerprint);

  async function verified(member: TestMember, certificate: MemberCertificate, userId: string): Promise<CertifiedMember> {
    const pinned = await pinnedOrganisationKey((await member.api.call(meRoute)).organisationKey, fingerprint);
    return verifyCertificate(certificate, pinned, { organisationId: admin.organisationId, userId });
  }

  async function invite(role: 'administrator' | 'member' = 'member') {
    const invitation = await prepareInvitation(admin, role);
    await owner.api.call(createInvitationRoute, { body: invitation.body });
    return { id: invitation.body.id, fragment: invitation.fragment };
  }

  async function certify(userId: string): Promise<void> {
    const pending = (await owner.api.call(pendingMembersRoute)).members.find((member) => member.userId === userId);
    if (!pending) throw new Error(`${userId} is not waiting for a certificate`);
    await owner.api.call(certifyMemberRoute, { params: { id: userId }, body: await certificationBody(admin, await certifyNewcomer(admin, pending), owner.granter) });
  }

  return {
    organisationId: admin.organisationId,
    fingerprint,
    owner,
    verified,
    async openVault(member, vaultId) {
      const served = await member.api.call(getVaultRoute, { params: { id: vaultId } });
      if (!served.wrap || !served.granter) throw new Error(`access to vault ${vaultId} is pending`);
      const granter = await verified(member, served.granter.certificate, served.wrap.granterId);
      return openVaultKey({ vaultId, keyVersion: served.vault.keyVersion, wrap: served.wrap, me: member.userId, privateKey: member.keys.encryption.privateKey, granter });
    },
    invite,
    certify,
    async addMember(login, role = 'member') {
      const invitation = await invite(role);
      const anonymous = createApiClient({ baseUrl: server.url });
      const info = await anonymous.call(invitationInfoRoute, { params: { id: invitation.id } });
      const secrets = { loginPassword: `${login} login password`, masterPassword: `${login} Master 2026` };
      const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login, ...secrets, iterations: 300_000 });
      await anonymous.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });
      await certify(registration.body.userId);
      return unlockedMember(server, login, secrets.loginPassword, secrets.masterPassword, fingerprint);
    },
    async certifiedMember(userId) {
      const served = await owner.api.call(userPublicKeyRoute, { params: { id: userId } });
      return verifyCertificate(served.certificate as MemberCertificate, admin.organisationKey.publicKey, { organisationId: admin.organisationId, userId });
    },
  };
}
