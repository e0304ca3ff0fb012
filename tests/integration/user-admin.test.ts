import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../lib/api/client';
import { deleteUserRoute, getMfaPolicyRoute, listUsersRoute, reactivateUserRoute, resetLoginPasswordRoute, resetUserMfaRoute, suspendUserRoute, updateMfaPolicyRoute, type AdminUser } from '../../lib/contract/admin-users';
import { addGroupMemberRoute, createGroupRoute } from '../../lib/contract/groups';
import { acceptInvitationRoute, invitationInfoRoute } from '../../lib/contract/invitations';
import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from '../../lib/contract/mfa';
import { loginRoute } from '../../lib/contract/sessions';
import { meRoute, userKeysRoute } from '../../lib/contract/users';
import { createVaultRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute } from '../../lib/contract/vaults';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault } from '../../lib/vault/vault-keys';
import { openDatabase } from '../../server/db/database';
import { totpCode } from '../../lib/vault/totp';
import { prepareRegistration } from '../../lib/vault/invitation-flow';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { TEST_POLICY } from '../helpers/policy';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { newVault, shareWith } from '../helpers/vault-fixtures';

// The admin console's user administration over HTTP: the list, suspension and reactivation,
// deletion (with the last-administrator rule), a new login password, and the organisation-wide
// second factor. Members are made as organisation.addMember makes them: `<login> login password`,
// `<login> Master 2026`.

const loginPasswordOf = (login: string) => `${login} login password`;
const masterPasswordOf = (login: string) => `${login} Master 2026`;
const STEP = 30_000;

describe.each(ENGINES)('user administration on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let owner: TestMember;
  let alice: TestMember;
  let carol: TestMember;
  let anonymous: ApiClient;
  const as = (accessToken: string) => createApiClient({ baseUrl: server.url, session: { accessToken: () => accessToken } });
  const signIn = (login: string, password = loginPasswordOf(login), second: { totp?: string } = {}) => anonymous.call(loginRoute, { body: { login, password, ...second } });
  /** What the server's database still holds of `userId`, and whether `vaultId` still exists. */
  async function leftOf(userId: string, vaultId: string) {
    const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
    try {
      const count = async (table: 'vault_access' | 'group_members' | 'key_wraps' | 'sessions' | 'recovery_codes' | 'users', column: string) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one count over several tables
        Number((await (db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).where(column, '=', userId).executeTakeFirstOrThrow()).n);
      return {
        vaultAccess: await count('vault_access', 'principal_id'),
        groupMembers: await count('group_members', 'user_id'),
        keyWraps: await count('key_wraps', 'recipient_id'),
        sessions: await count('sessions', 'user_id'),
        recoveryCodes: await count('recovery_codes', 'user_id'),
        users: await count('users', 'id'),
        vault: Boolean(await db.selectFrom('vaults').select('id').where('id', '=', vaultId).executeTakeFirst()),
      };
    } finally {
      await close();
    }
  }
  const listed = async (id: string): Promise<AdminUser | undefined> => (await owner.api.call(listUsersRoute)).users.find((user) => user.id === id);

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    anonymous = createApiClient({ baseUrl: server.url });
    organisation = await createTestOrganisation(server);
    owner = organisation.owner;
    alice = await organisation.addMember('alice@acme.test');
    carol = await organisation.addMember('carol@acme.test', 'administrator');
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('lists every account with its role, status, second factor, pending certificate and last sign-in', async () => {
    // A newcomer who registered but is not certified yet.
    const invitation = await organisation.invite('member');
    const info = await anonymous.call(invitationInfoRoute, { params: { id: invitation.id } });
    const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login: 'newcomer@acme.test', loginPassword: loginPasswordOf('newcomer@acme.test'), masterPassword: masterPasswordOf('newcomer@acme.test'), iterations: 300_000 });
    await anonymous.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });

    const { users } = await owner.api.call(listUsersRoute);
    expect(users.map((user) => user.login)).toEqual(['alice@acme.test', 'carol@acme.test', 'newcomer@acme.test', 'owner@acme.test']);
    expect(users.find((user) => user.id === owner.userId)).toMatchObject({ role: 'owner', status: 'active', mfa: false, certificatePending: false });
    expect(users.find((user) => user.id === alice.userId)).toMatchObject({ role: 'member', status: 'active', mfa: false, certificatePending: false });
    expect(users.find((user) => user.id === carol.userId)).toMatchObject({ role: 'administrator', status: 'active' });
    expect(users.find((user) => user.id === registration.body.userId)).toMatchObject({ role: 'pending', status: 'pending', certificatePending: true, lastSignInAt: null });
    expect(users.find((user) => user.id === alice.userId)!.lastSignInAt).toBeGreaterThan(0);
    // An administrator lists too.
    expect((await carol.api.call(listUsersRoute)).users).toHaveLength(4);
  });

  it.skipIf(!available)('non-administrators get 403 on every route; nobody acts on themselves or the owner; only the owner acts on administrators', async () => {
    const refusals = [
      () => alice.api.call(listUsersRoute),
      () => alice.api.call(suspendUserRoute, { params: { id: carol.userId } }),
      () => alice.api.call(reactivateUserRoute, { params: { id: carol.userId } }),
      () => alice.api.call(deleteUserRoute, { params: { id: carol.userId } }),
      () => alice.api.call(resetLoginPasswordRoute, { params: { id: carol.userId }, body: { password: 'a new login password for carol' } }),
      () => alice.api.call(updateMfaPolicyRoute, { body: { requireMfa: false } }),
      // An administrator acting on the owner, on themselves, on another administrator (as the owner may).
      () => carol.api.call(suspendUserRoute, { params: { id: owner.userId } }),
      () => carol.api.call(deleteUserRoute, { params: { id: owner.userId } }),
      () => carol.api.call(suspendUserRoute, { params: { id: carol.userId } }),
      () => carol.api.call(resetLoginPasswordRoute, { params: { id: carol.userId }, body: { password: 'a new login password for carol' } }),
      () => owner.api.call(suspendUserRoute, { params: { id: owner.userId } }),
      () => owner.api.call(deleteUserRoute, { params: { id: owner.userId } }),
    ];
    for (const refusal of refusals) expect(await errorOf(refusal())).toMatchObject({ status: 403, code: 'forbidden' });
    const frank = await organisation.addMember('frank@acme.test', 'administrator');
    expect(await errorOf(carol.api.call(suspendUserRoute, { params: { id: frank.userId } }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(carol.api.call(deleteUserRoute, { params: { id: frank.userId } }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(owner.api.call(suspendUserRoute, { params: { id: 'nobody-at-all' } }))).toMatchObject({ status: 404, code: 'notFound' });
    // Anyone signed in reads the second-factor rule.
    expect(await alice.api.call(getMfaPolicyRoute)).toEqual({ requireMfa: false });
    await owner.api.call(deleteUserRoute, { params: { id: frank.userId } });
  });

  it.skipIf(!available)('a suspended user cannot sign in and their sessions end at once; reactivated, they sign in with their rights intact', async () => {
    const vault = await newVault(alice, { name: 'Alice private' });
    const other = await signIn(alice.login);
    expect((await carol.api.call(suspendUserRoute, { params: { id: alice.userId } })).status).toBe('suspended');
    expect(await listed(alice.userId)).toMatchObject({ status: 'suspended' });
    expect(await errorOf(alice.api.call(meRoute))).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(await errorOf(as(other.accessToken).call(meRoute))).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(await errorOf(signIn(alice.login))).toMatchObject({ status: 403, code: 'accountSuspended' });
    // A wrong password still says only that.
    expect(await errorOf(signIn(alice.login, 'not the password at all'))).toMatchObject({ status: 401, code: 'invalidCredentials' });

    expect((await carol.api.call(reactivateUserRoute, { params: { id: alice.userId } })).status).toBe('active');
    expect((await recordedEvents(server, 'user.suspended', carol.userId)).map((event) => event.target?.id)).toEqual([alice.userId]);
    alice = await unlockedMember(server, alice.login, loginPasswordOf(alice.login), masterPasswordOf(alice.login), organisation.fingerprint);
    expect((await organisation.openVault(alice, vault.vaultId)).raw).toEqual(vault.raw);
  });

  it.skipIf(!available)('deleting a user takes them out of the list and every vault; a shared vault they alone administer is a 409 until it has another administrator', async () => {
    const dave = await organisation.addMember('dave@acme.test');
    const prepared = await prepareVault({ id: newId(), kind: 'company', name: 'Engineering', me: owner.certified, signingKey: owner.keys.signing.privateKey, administrators: [await organisation.certifiedMember(carol.userId)] });
    await owner.api.call(createVaultRoute, { body: prepared.request });
    const company = prepared.vaultKey;
    await shareWith({ organisation }, company, owner, dave, 'edit');
    const alone = await newVault(dave, { name: 'Dave alone' });
    const shared = await newVault(dave, { name: 'Dave shared' });
    await shareWith({ organisation }, shared, dave, alice, 'read');
    const groupId = newId();
    await owner.api.call(createGroupRoute, { body: { id: groupId, name: 'Backend' } });
    await owner.api.call(addGroupMemberRoute, { params: { id: groupId, userId: dave.userId } });
    expect(await leftOf(dave.userId, alone.vaultId)).toMatchObject({ vaultAccess: 3, groupMembers: 1, keyWraps: 3, users: 1, vault: true });

    const refused = await errorOf(owner.api.call(deleteUserRoute, { params: { id: dave.userId } }));
    expect(refused).toMatchObject({ status: 409, code: 'conflict' });
    expect(await listed(dave.userId)).toBeDefined();
    expect((await owner.api.call(listVaultMembersRoute, { params: { id: company.vaultId } })).members.map((member) => member.userId)).toContain(dave.userId);

    await dave.api.call(putVaultMemberRoute, { params: { id: shared.vaultId, userId: alice.userId }, body: { level: 'admin' } });
    await owner.api.call(deleteUserRoute, { params: { id: dave.userId } });
    expect(await listed(dave.userId)).toBeUndefined();
    expect((await owner.api.call(listVaultMembersRoute, { params: { id: company.vaultId } })).members.map((member) => member.userId)).not.toContain(dave.userId);
    expect((await alice.api.call(listVaultMembersRoute, { params: { id: shared.vaultId } })).members.map((member) => member.userId)).toEqual([alice.userId]);
    expect(await errorOf(dave.api.call(meRoute))).toMatchObject({ status: 401 });
    expect(await errorOf(signIn(dave.login))).toMatchObject({ status: 401, code: 'invalidCredentials' });
    // The private vault nobody else had went with him; the shared one is Alice's now.
    const alices = (await alice.api.call(listVaultsRoute)).vaults.map((vault) => vault.id);
    expect(alices).toContain(shared.vaultId);
    expect(alices).not.toContain(alone.vaultId);
    expect(await errorOf(owner.api.call(deleteUserRoute, { params: { id: dave.userId } }))).toMatchObject({ status: 404 });
    expect(await leftOf(dave.userId, alone.vaultId)).toEqual({ vaultAccess: 0, groupMembers: 0, keyWraps: 0, sessions: 0, recoveryCodes: 0, users: 0, vault: false });
    expect((await recordedEvents(server, 'user.deleted', owner.userId)).find((event) => event.target?.id === dave.userId)?.details).toEqual({ login: dave.login, role: 'member', deletedVaults: [alone.vaultId] });
  });

  it.skipIf(!available)('a new login password ends every session; the old one is refused, the new one signs in, and the master password still opens the keys', async () => {
    const erin = await organisation.addMember('erin@acme.test');
    const vault = await newVault(erin, { name: 'Erin private' });
    expect(await errorOf(owner.api.call(resetLoginPasswordRoute, { params: { id: erin.userId }, body: { password: 'short' } }))).toMatchObject({ status: 400, code: 'weakPassword' });
    await carol.api.call(resetLoginPasswordRoute, { params: { id: erin.userId }, body: { password: 'a brand new login password for erin' } });
    expect(await errorOf(erin.api.call(meRoute))).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(await errorOf(signIn(erin.login))).toMatchObject({ status: 401, code: 'invalidCredentials' });
    const again = await unlockedMember(server, erin.login, 'a brand new login password for erin', masterPasswordOf(erin.login), organisation.fingerprint);
    expect((await organisation.openVault(again, vault.vaultId)).raw).toEqual(vault.raw);
  });

  it.skipIf(!available)('with a second factor required, a user without one gets a session that only enrols one; a user with one signs in with a code', async () => {
    // Turning it on needs the administrator's own factor first.
    expect(await errorOf(owner.api.call(updateMfaPolicyRoute, { body: { requireMfa: true } }))).toMatchObject({ status: 409, code: 'conflict' });
    const { secret: ownerSecret } = await owner.api.call(startTotpRoute);
    await owner.api.call(confirmTotpRoute, { body: { code: totpCode({ secret: ownerSecret }, Date.now()) } });
    expect(await owner.api.call(updateMfaPolicyRoute, { body: { requireMfa: true } })).toEqual({ requireMfa: true });

    // Alice's session from before is held to enrolment at once.
    expect(await errorOf(alice.api.call(listVaultsRoute))).toMatchObject({ status: 403, code: 'mfaEnrolmentRequired' });
    const pair = await signIn(alice.login);
    expect(pair.mfaEnrolmentRequired).toBe(true);
    const enrolling = createApiClient({ baseUrl: server.url, session: { accessToken: () => pair.accessToken }, masterKeyHash: () => alice.masterKeyHash });
    expect(await errorOf(enrolling.call(listVaultsRoute))).toMatchObject({ status: 403, code: 'mfaEnrolmentRequired' });
    expect(await errorOf(enrolling.call(userKeysRoute))).toMatchObject({ status: 403, code: 'mfaEnrolmentRequired' });
    expect(await errorOf(enrolling.call(listUsersRoute))).toMatchObject({ status: 403, code: 'mfaEnrolmentRequired' });
    expect((await enrolling.call(meRoute)).id).toBe(alice.userId);
    const { secret } = await enrolling.call(startTotpRoute);
    await enrolling.call(confirmTotpRoute, { body: { code: totpCode({ secret }, Date.now()) } });
    // The same session is a full one now.
    await expect(enrolling.call(listVaultsRoute)).resolves.toHaveProperty('vaults');
    expect(await listed(alice.userId)).toMatchObject({ mfa: true });

    // From now on: a code, and no enrolment flag; the factor cannot be turned off while required.
    expect(await errorOf(signIn(alice.login))).toMatchObject({ status: 401, code: 'mfaRequired' });
    const withCode = await signIn(alice.login, loginPasswordOf(alice.login), { totp: totpCode({ secret }, Date.now() + STEP) });
    expect(withCode.mfaEnrolmentRequired).toBeUndefined();
    await expect(as(withCode.accessToken).call(meRoute)).resolves.toHaveProperty('id', alice.userId);
    expect(await errorOf(as(withCode.accessToken).call(disableMfaRoute, { body: { code: totpCode({ secret }, Date.now() + 2 * STEP) } }))).toMatchObject({ status: 409, code: 'conflict' });

    expect(await owner.api.call(updateMfaPolicyRoute, { body: { requireMfa: false } })).toEqual({ requireMfa: false });
    await expect(carol.api.call(listVaultsRoute)).resolves.toHaveProperty('vaults');
    expect((await recordedEvents(server, 'settings.requireMfa', owner.userId)).map((event) => event.details)).toEqual([{ requireMfa: true }, { requireMfa: false }]);
  });
  it.skipIf(!available)('an administrator turns off a second factor the user lost: their sessions end, the password alone signs in again, the recovery codes are gone', async () => {
    const frank = await organisation.addMember('frank@acme.test');
    const { secret } = await frank.api.call(startTotpRoute);
    await frank.api.call(confirmTotpRoute, { body: { code: totpCode({ secret }, Date.now()) } });
    expect(await errorOf(signIn(frank.login))).toMatchObject({ status: 401, code: 'mfaRequired' });

    expect(await errorOf(frank.api.call(resetUserMfaRoute, { params: { id: frank.userId } }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(alice.api.call(resetUserMfaRoute, { params: { id: owner.userId } }))).toMatchObject({ status: 403 });
    await carol.api.call(resetUserMfaRoute, { params: { id: frank.userId } });

    expect(await errorOf(frank.api.call(meRoute))).toMatchObject({ status: 401, code: 'unauthenticated' });
    const pair = await signIn(frank.login);
    expect(pair.mfaEnrolmentRequired).toBeUndefined();
    expect(await listed(frank.userId)).toMatchObject({ mfa: false });
    expect((await leftOf(frank.userId, '')).recoveryCodes).toBe(0);
    expect((await recordedEvents(server, 'user.mfaReset', carol.userId)).find((event) => event.target?.id === frank.userId)?.details).toEqual({ hadFactor: true, sessionsEnded: 1 });
  });
});
