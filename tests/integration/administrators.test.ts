import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { listUsersRoute } from '../../lib/contract/admin-users';
import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, organisationKeysRoute, pendingMembersRoute } from '../../lib/contract/invitations';
import { setUserRoleRoute } from '../../lib/contract/roles';
import { meRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { createVaultRoute, getVaultRoute } from '../../lib/contract/vaults';
import { issueCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { generateUserKeys } from '../../lib/crypto/user-keys';
import type { KeyWrap } from '../../lib/crypto/wraps';
import { toBase64Url } from '../../lib/crypto/bytes';
import { certificationBody, organisationKeyWrapFor, promotionBody } from '../../lib/vault/administrator-grant';
import { certifyNewcomer, openAdministratorKeys, prepareInvitation, prepareRegistration, type AdministratorKeys } from '../../lib/vault/invitation-flow';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { TEST_POLICY } from '../helpers/policy';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Every administrator holds the organisation key (docs/access-control.md, "Who holds the
// organisation key"): an administrator certified from an invitation gets the KEK wrapped with their
// certificate, the owner promotes a member with a new certificate and a wrap, and the server refuses
// a certificate or a wrap that names someone or something else. Everything through the real client
// libraries, on both engines.

describe.each(ENGINES)('administrators and the organisation key on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let owner: TestMember;
  let ownerKeys: AdministratorKeys;

  const refusal = async (promise: Promise<unknown>) => {
    const error = await errorOf(promise);
    return `${error.status} ${error.code}`;
  };

  /** The organisation key as `member`'s client opens it from GET /organisation/keys, the granter's certificate checked first. */
  async function openedBy(member: TestMember): Promise<AdministratorKeys> {
    const response = await member.api.call(organisationKeysRoute);
    const served = await member.api.call(userPublicKeyRoute, { params: { id: response.keyWrap.granterId } });
    const granter = await organisation.verified(member, served.certificate as MemberCertificate, response.keyWrap.granterId);
    return openAdministratorKeys(response, { userId: member.userId, encryptionPrivateKey: member.keys.encryption.privateKey }, granter, organisation.fingerprint);
  }

  /** `admin` invites `login` with their own opened key; the newcomer registers and waits for a certificate. */
  async function registered(by: TestMember, admin: AdministratorKeys, login: string, role: 'administrator' | 'member') {
    const invitation = await prepareInvitation(admin, role);
    await by.api.call(createInvitationRoute, { body: invitation.body });
    const anonymous = createApiClient({ baseUrl: server.url });
    const info = await anonymous.call(invitationInfoRoute, { params: { id: invitation.body.id } });
    const secrets = { loginPassword: `${login} login password`, masterPassword: `${login} Master 2026` };
    const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login, ...secrets, iterations: 300_000 });
    await anonymous.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });
    const pending = (await by.api.call(pendingMembersRoute)).members.find((member) => member.userId === registration.body.userId)!;
    return { pending, signIn: () => unlockedMember(server, login, secrets.loginPassword, secrets.masterPassword, organisation.fingerprint) };
  }

  /** `member`'s certificate as the owner's client holds it: served, and verified against the pinned key. */
  async function currentCertificate(userId: string) {
    const served = await owner.api.call(userPublicKeyRoute, { params: { id: userId } });
    return { certificate: served.certificate as MemberCertificate, member: await organisation.certifiedMember(userId) };
  }

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    owner = organisation.owner;
    ownerKeys = await openedBy(owner);
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('an administrator invited as administrator opens the organisation key, then invites and certifies a third person, an administrator too', async () => {
    const carol = await organisation.addMember('carol@acme.test', 'administrator');
    const carolKeys = await openedBy(carol);
    expect(carolKeys.organisationKey.fingerprint).toBe(organisation.fingerprint);

    const dan = await registered(carol, carolKeys, 'dan@acme.test', 'administrator');
    const certificate = await certifyNewcomer(carolKeys, dan.pending);
    // An administrator certificate without the key is refused: nobody becomes an administrator who cannot act as one.
    expect(await refusal(carol.api.call(certifyMemberRoute, { params: { id: dan.pending.userId }, body: { certificate } }))).toBe('400 invalidKeys');
    await carol.api.call(certifyMemberRoute, { params: { id: dan.pending.userId }, body: await certificationBody(carolKeys, certificate, carol.granter) });
    const danMember = await dan.signIn();
    expect((await danMember.api.call(meRoute)).role).toBe('administrator');
    const danKeys = await openedBy(danMember);
    expect(danKeys.organisationKey.fingerprint).toBe(organisation.fingerprint);
    expect((await danMember.api.call(organisationKeysRoute)).keyWrap.granterId).toBe(carol.userId);

    // A member certificate never comes with the key.
    const erin = await registered(danMember, danKeys, 'erin@acme.test', 'member');
    const memberCertificate = await certifyNewcomer(danKeys, erin.pending);
    const strayWrap = await organisationKeyWrapFor(danKeys, memberCertificate, danMember.granter);
    expect(await refusal(danMember.api.call(certifyMemberRoute, { params: { id: erin.pending.userId }, body: { certificate: memberCertificate, organisationKeyWrap: strayWrap } }))).toBe('400 invalidKeys');
    await danMember.api.call(certifyMemberRoute, { params: { id: erin.pending.userId }, body: { certificate: memberCertificate } });
    const erinMember = await erin.signIn();
    expect(await refusal(erinMember.api.call(organisationKeysRoute))).toBe('403 forbidden');
  });

  it.skipIf(!available)('the owner promotes a member, who then opens the organisation key and administers every company vault', async () => {
    // A company vault is wrapped to every administrator when made (carol and dan by now).
    const administrators = (await owner.api.call(listUsersRoute)).users.filter((user) => user.role === 'administrator' && user.status === 'active');
    const certified = await Promise.all(administrators.map((user) => organisation.certifiedMember(user.id)));
    const company = await prepareVault({ id: newId(), kind: 'company', name: 'Finance', me: owner.certified, signingKey: owner.keys.signing.privateKey, administrators: certified });
    await owner.api.call(createVaultRoute, { body: company.request });
    const bob = await organisation.addMember('bob@acme.test');
    expect(await refusal(bob.api.call(organisationKeysRoute))).toBe('403 forbidden');

    const body = await promotionBody(ownerKeys, await currentCertificate(bob.userId), owner.granter);
    expect(await owner.api.call(setUserRoleRoute, { params: { id: bob.userId }, body })).toMatchObject({ id: bob.userId, role: 'administrator', roleId: 'administrator' });
    expect(await recordedEvents(server, 'user.promoted', owner.userId)).toEqual([expect.objectContaining({ details: { from: 'user', to: 'administrator' } })]);

    const me = await bob.api.call(meRoute);
    expect(me).toMatchObject({ role: 'administrator', roleId: 'administrator' });
    expect((me.certificate as MemberCertificate).body).toMatchObject({ role: 'administrator', login: 'bob@acme.test' });
    // Bob's client accepts his new certificate, and opens the organisation key from the owner's wrap.
    expect((await organisation.verified(bob, me.certificate as MemberCertificate, bob.userId)).role).toBe('administrator');
    expect((await openedBy(bob)).organisationKey.fingerprint).toBe(organisation.fingerprint);
    // Administrator of the company vault at once; the key comes with the owner's next sync (admin-console.test.ts).
    expect(await bob.api.call(getVaultRoute, { params: { id: company.request.id } })).toMatchObject({ vault: { level: 'admin' }, wrap: null });
  });

  it.skipIf(!available)('refuses a promotion whose certificate names other keys or login, or whose wrap is addressed to someone else (400), and one by a non-owner (403)', async () => {
    const frank = await organisation.addMember('frank@acme.test');
    const grace = await organisation.addMember('grace@acme.test');
    const carol = await organisation.addMember('carol2@acme.test', 'administrator');
    const current = await currentCertificate(frank.userId);
    const genuine = await promotionBody(ownerKeys, current, owner.granter);
    const promote = (actor: TestMember, body: { roleId: string; certificate?: MemberCertificate; organisationKeyWrap?: KeyWrap }) => actor.api.call(setUserRoleRoute, { params: { id: frank.userId }, body });

    // Other keys, signed by the organisation key all the same.
    const impostor = await generateUserKeys();
    const otherKeys = await issueCertificate(ownerKeys.organisationKey.privateKey, { ...genuine.certificate.body, encryptionKey: { alg: current.certificate.body.encryptionKey.alg, spki: toBase64Url(impostor.encryption.spki) } });
    expect(await refusal(promote(owner, { ...genuine, certificate: otherKeys }))).toBe('400 invalidKeys');
    const otherLogin = await issueCertificate(ownerKeys.organisationKey.privateKey, { ...genuine.certificate.body, login: 'grace@acme.test' });
    expect(await refusal(promote(owner, { ...genuine, certificate: otherLogin }))).toBe('400 invalidKeys');
    // Grace's promotion wrap, sent for Frank.
    const forGrace = await promotionBody(ownerKeys, await currentCertificate(grace.userId), owner.granter);
    expect(await refusal(promote(owner, { ...genuine, organisationKeyWrap: forGrace.organisationKeyWrap }))).toBe('400 invalidKeys');
    // A member certificate, or none at all.
    expect(await refusal(promote(owner, { ...genuine, certificate: current.certificate }))).toBe('400 invalidKeys');
    expect(await refusal(promote(owner, { roleId: 'administrator', organisationKeyWrap: genuine.organisationKeyWrap }))).toBe('400 invalidKeys');
    // Only the owner makes administrators, whatever the body.
    const carolKeys = await openedBy(carol);
    expect(await refusal(promote(carol, await promotionBody(carolKeys, current, carol.granter)))).toBe('403 forbidden');
    expect((await frank.api.call(meRoute)).role).toBe('member');

    expect((await promote(owner, genuine)).role).toBe('administrator');
    // An administrator keeps the title: they have held the organisation key, which a role change cannot take back.
    expect(await refusal(owner.api.call(setUserRoleRoute, { params: { id: frank.userId }, body: { roleId: 'user' } }))).toBe('409 conflict');
  });
});
