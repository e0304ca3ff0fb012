import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, organisationKeysRoute, pendingMembersRoute } from '../../lib/contract/invitations';
import { setupRoute } from '../../lib/contract/setup';
import { getAppSettingsRoute, updatePasswordPolicyRoute } from '../../lib/contract/app-settings';
import { verifyCertificate, issueCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { AuthenticationError, PinMismatchError } from '../../lib/crypto/errors';
import { createOrganisationKey, pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { generateUserKeys } from '../../lib/crypto/user-keys';
import { toBase64Url } from '../../lib/crypto/bytes';
import { certifyNewcomer, openAdministratorKeys, prepareInvitation, prepareRegistration, type AdministratorKeys } from '../../lib/vault/invitation-flow';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { errorOf } from '../helpers/api-error';
import { TEST_POLICY } from '../helpers/policy';
import { signInAndUnlock } from '../helpers/unlock';

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };


describe.each(ENGINES)('invitations on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let fingerprint: string;
  let admin: AdministratorKeys;
  let ownerApi: ReturnType<typeof createApiClient>;
  let ownerAccessToken: string;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    const setup = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: server.setupToken()!, organisationName: 'Acme', ...OWNER, iterations: 300_000 });
    fingerprint = setup.organisationFingerprint;
    await createApiClient({ baseUrl: server.url }).call(setupRoute, { body: setup.request });
    const owner = await signInAndUnlock(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword);
    ownerApi = owner.api;
    ownerAccessToken = owner.pair.accessToken;
    const organisationKey = await pinnedOrganisationKey(owner.me.organisationKey, fingerprint);
    const ownerCertified = await verifyCertificate(owner.me.certificate as MemberCertificate, organisationKey, { organisationId: owner.me.organisationId, userId: owner.me.id });
    admin = await openAdministratorKeys(await ownerApi.call(organisationKeysRoute), { userId: owner.me.id, encryptionPrivateKey: owner.keys.encryption.privateKey }, ownerCertified, fingerprint);
  });
  afterAll(() => server?.stop());

  async function invite(role: 'administrator' | 'member' = 'member') {
    const invitation = await prepareInvitation(admin, role);
    await ownerApi.call(createInvitationRoute, { body: invitation.body });
    return invitation;
  }

  async function register(invitation: Awaited<ReturnType<typeof invite>>, login: string) {
    const api = createApiClient({ baseUrl: server.url });
    const info = await api.call(invitationInfoRoute, { params: { id: invitation.body.id } });
    const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login, loginPassword: `${login} login password`, masterPassword: `${login} Master 2026`, iterations: 300_000 });
    await api.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });
    return registration;
  }

  it.skipIf(!available)('a newcomer registers, an administrator certifies, and the newcomer is a member', async () => {
    const invitation = await invite();
    const registration = await register(invitation, 'newcomer@acme.test');
    const { members } = await ownerApi.call(pendingMembersRoute);
    const pending = members.find((member) => member.userId === registration.body.userId)!;
    const certificate = await certifyNewcomer(admin, pending);
    await ownerApi.call(certifyMemberRoute, { params: { id: pending.userId }, body: { certificate } });
    const newcomer = await signInAndUnlock(server, 'newcomer@acme.test', 'newcomer@acme.test login password', 'newcomer@acme.test Master 2026');
    expect(newcomer.me).toMatchObject({ role: 'member', organisationFingerprint: fingerprint });
    const organisationKey = await pinnedOrganisationKey(newcomer.me.organisationKey, registration.organisationFingerprint);
    await expect(verifyCertificate(newcomer.me.certificate as MemberCertificate, organisationKey, { organisationId: newcomer.me.organisationId, userId: newcomer.me.id })).resolves.toMatchObject({ role: 'member' });
  });

  it.skipIf(!available)('an invitation is used once', async () => {
    const invitation = await invite();
    const registration = await register(invitation, 'once@acme.test');
    const again = { ...registration.body, userId: 'another-user-id', login: 'twice@acme.test' };
    expect(await errorOf(createApiClient({ baseUrl: server.url }).call(acceptInvitationRoute, { params: { id: invitation.body.id }, body: again }))).toMatchObject({ status: 404 });
  });

  it.skipIf(!available)('the administrator’s client refuses keys the server swapped', async () => {
    const invitation = await invite();
    const registration = await register(invitation, 'swapped@acme.test');
    const { members } = await ownerApi.call(pendingMembersRoute);
    const pending = members.find((member) => member.userId === registration.body.userId)!;
    const impostor = await generateUserKeys();
    const swapped = { ...pending, encryptionKey: { alg: pending.encryptionKey.alg, spki: toBase64Url(impostor.encryption.spki) } };
    await expect(certifyNewcomer(admin, swapped)).rejects.toThrow(AuthenticationError);
  });

  it.skipIf(!available)('the server refuses a certificate not signed by the organisation key', async () => {
    const invitation = await invite();
    const registration = await register(invitation, 'forged@acme.test');
    const { members } = await ownerApi.call(pendingMembersRoute);
    const pending = members.find((member) => member.userId === registration.body.userId)!;
    const genuine = await certifyNewcomer(admin, pending);
    const rogue = await createOrganisationKey(admin.organisationId);
    const forged = await issueCertificate(rogue.key.privateKey, genuine.body);
    expect(await errorOf(ownerApi.call(certifyMemberRoute, { params: { id: pending.userId }, body: { certificate: forged } }))).toMatchObject({ status: 400, code: 'invalidKeys' });
  });

  it.skipIf(!available)('a newcomer whose link names another organisation key refuses to register', async () => {
    const invitation = await invite();
    const info = await createApiClient({ baseUrl: server.url }).call(invitationInfoRoute, { params: { id: invitation.body.id } });
    const rogue = await createOrganisationKey(info.organisationId);
    await expect(prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: rogue.key.record, login: 'x@acme.test', loginPassword: 'x login password', masterPassword: 'X Master 2026 long', iterations: 300_000 })).rejects.toThrow(PinMismatchError);
  });

  it.skipIf(!available)('creating invitations needs an administrator and the master key hash', async () => {
    const invitation = await prepareInvitation(admin, 'member');
    const withoutHash = createApiClient({ baseUrl: server.url, session: { accessToken: () => undefined } });
    expect(await errorOf(withoutHash.call(createInvitationRoute, { body: invitation.body }))).toMatchObject({ status: 401 });
    const member = await signInAndUnlock(server, 'newcomer@acme.test', 'newcomer@acme.test login password', 'newcomer@acme.test Master 2026');
    expect(await errorOf(member.api.call(createInvitationRoute, { body: invitation.body }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await errorOf(member.api.call(pendingMembersRoute))).code).toBe('forbidden');
    const ownerWithoutHash = createApiClient({ baseUrl: server.url, session: { accessToken: () => ownerAccessToken } });
    expect(await errorOf(ownerWithoutHash.call(createInvitationRoute, { body: invitation.body }))).toMatchObject({ status: 403, code: 'masterKeyHashMismatch' });
  });

  it.skipIf(!available)('the password policy an administrator sets applies to newcomers, and only administrators set it', async () => {
    const before = (await createApiClient({ baseUrl: server.url }).call(getAppSettingsRoute)).passwordPolicy;
    const strict = { ...before, loginPassword: { ...before.loginPassword, minLength: 64 } };
    expect((await ownerApi.call(updatePasswordPolicyRoute, { body: strict })).passwordPolicy.loginPassword.minLength).toBe(64);
    const invitation = await invite();
    const error = await errorOf(register(invitation, 'strict@acme.test'));
    expect(error).toMatchObject({ status: 400, code: 'weakPassword' });
    await ownerApi.call(updatePasswordPolicyRoute, { body: before });
    const member = await signInAndUnlock(server, 'newcomer@acme.test', 'newcomer@acme.test login password', 'newcomer@acme.test Master 2026');
    expect((await errorOf(member.api.call(updatePasswordPolicyRoute, { body: strict }))).code).toBe('forbidden');
  });
});
