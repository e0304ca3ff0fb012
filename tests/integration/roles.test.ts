import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsersRoute, reactivateUserRoute, resetLoginPasswordRoute, suspendUserRoute, updateMfaPolicyRoute } from '../../lib/contract/admin-users';
import { getAppSettingsRoute, updateKdfTargetRoute, updatePasswordPolicyRoute } from '../../lib/contract/app-settings';
import { addGroupMemberRoute, createGroupRoute, listGroupsRoute } from '../../lib/contract/groups';
import { createInvitationRoute, invitationInfoRoute, acceptInvitationRoute } from '../../lib/contract/invitations';
import { PERMISSIONS } from '../../lib/contract/permissions';
import { createRoleRoute, deleteRoleRoute, listRolesRoute, setUserRoleRoute, updateRoleRoute } from '../../lib/contract/roles';
import { meRoute } from '../../lib/contract/users';
import { createVaultRoute } from '../../lib/contract/vaults';
import { createApiClient } from '../../lib/api/client';
import { prepareRegistration } from '../../lib/vault/invitation-flow';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault } from '../../lib/vault/vault-keys';
import { openDatabase } from '../../server/db/database';
import { migrations } from '../../server/db/migrations/index';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { TEST_POLICY } from '../helpers/policy';
import { createScratchDatabase, testPostgresUrl } from '../helpers/postgres';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Roles and delegated administration over HTTP on both engines (docs/access-control.md, "Roles and
// delegated administration"): what a Manager and a custom role may do, the rules against
// escalation, roles in use, and migration 0009 mapping the accounts that were there before.

describe.each(ENGINES)('roles on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let owner: TestMember;
  let carol: TestMember;
  let mia: TestMember;
  let pat: TestMember;
  let bob: TestMember;
  let policiesRoleId: string;

  const permissionsOf = async (member: TestMember) => (await member.api.call(meRoute)).permissions;
  const setRole = (actor: TestMember, target: TestMember, roleId: string) => actor.api.call(setUserRoleRoute, { params: { id: target.userId }, body: { roleId } });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await errorOf(promise);
    return `${error.status} ${error.code}`;
  };
  const currentPolicy = async () => (await createApiClient({ baseUrl: server.url }).call(getAppSettingsRoute)).passwordPolicy;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    owner = organisation.owner;
    [carol, mia, pat, bob] = [
      await organisation.addMember('carol@acme.test', 'administrator'),
      await organisation.addMember('mia@acme.test'),
      await organisation.addMember('pat@acme.test'),
      await organisation.addMember('bob@acme.test'),
    ];
    await setRole(owner, mia, 'manager');
    policiesRoleId = (await owner.api.call(createRoleRoute, { body: { name: 'Policies', permissions: ['managePolicies'] } })).id;
    await setRole(owner, pat, policiesRoleId);
  });
  afterAll(() => server?.stop());

  it.skipIf(!available)('lists the built-in roles and the custom ones with their permissions and holders; GET /users/me says what the caller may do', async () => {
    const { roles } = await bob.api.call(listRolesRoute);
    expect(roles.map(({ id, builtIn, permissions, userCount }) => ({ id, builtIn, permissions, userCount }))).toEqual([
      { id: 'owner', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
      { id: 'administrator', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
      { id: 'manager', builtIn: true, permissions: ['manageUsers', 'manageGroups', 'createCompanyVaults', 'viewAuditLog'], userCount: 1 },
      { id: 'user', builtIn: true, permissions: [], userCount: 1 },
      { id: policiesRoleId, builtIn: false, permissions: ['managePolicies'], userCount: 1 },
    ]);
    expect(await owner.api.call(meRoute)).toMatchObject({ role: 'owner', roleId: 'owner', permissions: [...PERMISSIONS] });
    expect(await carol.api.call(meRoute)).toMatchObject({ role: 'administrator', roleId: 'administrator', permissions: [...PERMISSIONS] });
    expect(await mia.api.call(meRoute)).toMatchObject({ role: 'member', roleId: 'manager', permissions: ['manageUsers', 'manageGroups', 'createCompanyVaults', 'viewAuditLog'] });
    expect(await permissionsOf(bob)).toEqual([]);
    expect((await owner.api.call(listUsersRoute)).users.find((user) => user.id === pat.userId)).toMatchObject({ role: 'member', roleId: policiesRoleId });
  });

  it.skipIf(!available)('a Manager administers accounts and groups and creates company vaults, but changes no policy, security rule or role, and certifies nobody', async () => {
    // Suspending ends every session, so a member of their own is the one suspended.
    const tim = await organisation.addMember('tim@acme.test');
    expect((await mia.api.call(listUsersRoute)).users.map((user) => user.login)).toContain('tim@acme.test');
    expect((await mia.api.call(suspendUserRoute, { params: { id: tim.userId } })).status).toBe('suspended');
    expect((await mia.api.call(reactivateUserRoute, { params: { id: tim.userId } })).status).toBe('active');
    await mia.api.call(resetLoginPasswordRoute, { params: { id: tim.userId }, body: { password: 'a new login password for tim' } });
    expect((await recordedEvents(server, 'user.loginPasswordReset', mia.userId)).map((event) => event.target?.id)).toEqual([tim.userId]);

    const groupId = newId();
    await mia.api.call(createGroupRoute, { body: { id: groupId, name: 'Support' } });
    await mia.api.call(addGroupMemberRoute, { params: { id: groupId, userId: bob.userId } });
    expect((await mia.api.call(listGroupsRoute)).groups.find((group) => group.id === groupId)?.memberIds).toEqual([bob.userId]);
    // A group's rights are vault rights: a Manager does not give them to themselves.
    expect(await refusal(mia.api.call(addGroupMemberRoute, { params: { id: groupId, userId: mia.userId } }))).toBe('403 forbidden');

    const administrators = [organisation.owner.certified, await organisation.certifiedMember(carol.userId)];
    const company = await prepareVault({ id: newId(), kind: 'company', name: 'Support', me: mia.certified, signingKey: mia.keys.signing.privateKey, administrators });
    expect((await mia.api.call(createVaultRoute, { body: company.request })).kind).toBe('company');
    const refused = await prepareVault({ id: newId(), kind: 'company', name: 'Not Bob’s', me: bob.certified, signingKey: bob.keys.signing.privateKey, administrators });
    expect(await refusal(bob.api.call(createVaultRoute, { body: refused.request }))).toBe('403 forbidden');

    const policy = await currentPolicy();
    expect(await refusal(mia.api.call(updatePasswordPolicyRoute, { body: policy }))).toBe('403 forbidden');
    expect(await refusal(mia.api.call(updateKdfTargetRoute, { body: { iterations: 400_000 } }))).toBe('403 forbidden');
    expect(await refusal(mia.api.call(updateMfaPolicyRoute, { body: { requireMfa: false } }))).toBe('403 forbidden');
    expect(await refusal(mia.api.call(createRoleRoute, { body: { name: 'Mine', permissions: [] } }))).toBe('403 forbidden');
    expect(await refusal(setRole(mia, bob, 'manager'))).toBe('403 forbidden');
    // Inviting encrypts the invitation's secret under the organisation key's KEK, which only administrators hold.
    expect(await refusal(mia.api.call(createInvitationRoute, { body: { id: newId(), role: 'member', encryptedSecret: 'AAAA', expiresInHours: 72 } }))).toBe('403 forbidden');
    // Nobody acts above themselves: not on an administrator, nor on someone whose role holds what they do not.
    expect(await refusal(mia.api.call(suspendUserRoute, { params: { id: carol.userId } }))).toBe('403 forbidden');
    expect(await refusal(mia.api.call(suspendUserRoute, { params: { id: pat.userId } }))).toBe('403 forbidden');
  });

  it.skipIf(!available)('a custom role with managePolicies edits the password policy and the KDF target, and nothing else', async () => {
    const policy = await currentPolicy();
    const stricter = { ...policy, loginPassword: { ...policy.loginPassword, minLength: policy.loginPassword.minLength + 1 } };
    expect((await pat.api.call(updatePasswordPolicyRoute, { body: stricter })).passwordPolicy).toEqual(stricter);
    expect((await recordedEvents(server, 'settings.passwordPolicy', pat.userId)).length).toBe(1);
    expect((await pat.api.call(updateKdfTargetRoute, { body: { iterations: 300_000 } })).iterations).toBe(300_000);
    await pat.api.call(updatePasswordPolicyRoute, { body: policy });

    expect(await refusal(pat.api.call(listUsersRoute))).toBe('403 forbidden');
    expect(await refusal(pat.api.call(suspendUserRoute, { params: { id: bob.userId } }))).toBe('403 forbidden');
    expect(await refusal(pat.api.call(createGroupRoute, { body: { id: newId(), name: 'Pat’s' } }))).toBe('403 forbidden');
    expect(await refusal(pat.api.call(updateMfaPolicyRoute, { body: { requireMfa: false } }))).toBe('403 forbidden');
    expect(await refusal(pat.api.call(createRoleRoute, { body: { name: 'Pat’s', permissions: [] } }))).toBe('403 forbidden');
    // Members of groups are for holders of manageGroups.
    expect((await pat.api.call(listGroupsRoute)).groups.every((group) => group.memberIds.length === 0)).toBe(true);
  });

  it.skipIf(!available)('refuses escalation: permissions one does not hold, one’s own role, administrators, the owner, and Administrator without its certificate and key', async () => {
    const delegateRoleId = (await owner.api.call(createRoleRoute, { body: { name: 'Delegates', permissions: ['manageRoles', 'manageUsers'] } })).id;
    const dave = await organisation.addMember('dave@acme.test');
    await setRole(owner, dave, delegateRoleId);

    // Nobody hands on a permission they do not hold, in a new role, an edited one or a role given.
    expect(await refusal(dave.api.call(createRoleRoute, { body: { name: 'Policy too', permissions: ['manageUsers', 'managePolicies'] } }))).toBe('403 forbidden');
    const helpers = await dave.api.call(createRoleRoute, { body: { name: 'Helpers', permissions: ['manageUsers'] } });
    expect(helpers).toMatchObject({ builtIn: false, permissions: ['manageUsers'], userCount: 0 });
    expect(await refusal(dave.api.call(updateRoleRoute, { params: { id: helpers.id }, body: { name: 'Helpers', permissions: ['manageUsers', 'manageSecurity'] } }))).toBe('403 forbidden');
    expect(await refusal(dave.api.call(updateRoleRoute, { params: { id: policiesRoleId }, body: { name: 'Policies', permissions: [] } }))).toBe('403 forbidden');
    expect(await refusal(setRole(dave, bob, 'manager'))).toBe('403 forbidden');
    expect(await refusal(setRole(dave, mia, 'user'))).toBe('403 forbidden');
    expect((await setRole(dave, bob, helpers.id)).roleId).toBe(helpers.id);
    expect((await recordedEvents(server, 'user.roleChanged', dave.userId)).map((event) => event.details)).toEqual([{ from: 'user', to: helpers.id }]);

    // Nobody changes their own role, or edits the role they hold.
    expect(await refusal(setRole(dave, dave, helpers.id))).toBe('403 forbidden');
    expect(await refusal(dave.api.call(updateRoleRoute, { params: { id: delegateRoleId }, body: { name: 'Delegates', permissions: [...PERMISSIONS] } }))).toBe('403 forbidden');
    expect(await refusal(setRole(owner, owner, 'user'))).toBe('403 forbidden');

    // Only the owner changes administrators; nobody becomes Owner.
    expect(await refusal(setRole(dave, carol, 'user'))).toBe('403 forbidden');
    expect(await refusal(setRole(dave, bob, 'administrator'))).toBe('403 forbidden');
    expect(await refusal(setRole(dave, bob, 'owner'))).toBe('403 forbidden');
    expect(await refusal(setRole(owner, bob, 'owner'))).toBe('403 forbidden');

    // Administrator comes with a new certificate and the organisation key (tests/integration/administrators.test.ts),
    // never from the role id alone; and an administrator, who has held the key, is not demoted by a role.
    expect(await refusal(setRole(owner, bob, 'administrator'))).toBe('400 invalidKeys');
    expect(await refusal(setRole(owner, carol, 'manager'))).toBe('409 conflict');
    expect((await setRole(owner, carol, 'administrator')).roleId).toBe('administrator');

    // Built-in roles are not edited or deleted; names are unique and never a built-in one's.
    expect(await refusal(owner.api.call(updateRoleRoute, { params: { id: 'administrator' }, body: { name: 'administrator', permissions: [] } }))).toBe('403 forbidden');
    expect(await refusal(owner.api.call(deleteRoleRoute, { params: { id: 'administrator' } }))).toBe('403 forbidden');
    expect(await refusal(owner.api.call(createRoleRoute, { body: { name: 'Helpers', permissions: [] } }))).toBe('409 conflict');
    expect(await refusal(owner.api.call(createRoleRoute, { body: { name: 'Manager', permissions: [] } }))).toBe('409 conflict');
    expect(await refusal(owner.api.call(createRoleRoute, { body: { name: 'Twice', permissions: ['manageUsers', 'manageUsers'] } }))).toBe('400 validationFailed');
  });

  it.skipIf(!available)('a role someone holds is not deleted (409); once nobody holds it, it is; a newcomer not yet certified gets no role', async () => {
    const temporary = await owner.api.call(createRoleRoute, { body: { name: 'Temporary', permissions: ['viewAuditLog'] } });
    const erin = await organisation.addMember('erin@acme.test');
    await setRole(owner, erin, temporary.id);
    expect(await refusal(owner.api.call(deleteRoleRoute, { params: { id: temporary.id } }))).toBe('409 conflict');
    const renamed = await owner.api.call(updateRoleRoute, { params: { id: temporary.id }, body: { name: 'Auditors', permissions: ['viewAuditLog', 'manageGroups'] } });
    expect(renamed).toMatchObject({ name: 'Auditors', permissions: ['manageGroups', 'viewAuditLog'], userCount: 1 });
    expect(await permissionsOf(erin)).toEqual(['manageGroups', 'viewAuditLog']);
    await setRole(owner, erin, 'user');
    await owner.api.call(deleteRoleRoute, { params: { id: temporary.id } });
    expect((await owner.api.call(listRolesRoute)).roles.map((role) => role.id)).not.toContain(temporary.id);
    expect(await refusal(owner.api.call(deleteRoleRoute, { params: { id: temporary.id } }))).toBe('404 notFound');

    const invitation = await organisation.invite('member');
    const anonymous = createApiClient({ baseUrl: server.url });
    const info = await anonymous.call(invitationInfoRoute, { params: { id: invitation.id } });
    const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: info.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login: 'frank@acme.test', loginPassword: 'frank@acme.test login password', masterPassword: 'frank Master 2026', iterations: 300_000 });
    await anonymous.call(acceptInvitationRoute, { params: { id: info.id }, body: registration.body });
    expect(await refusal(owner.api.call(setUserRoleRoute, { params: { id: registration.body.userId }, body: { roleId: 'manager' } }))).toBe('409 conflict');
  });
});

describe.each(ENGINES)('migration 0009-roles on $engine', ({ engine, available }) => {
  it.skipIf(!available)('gives every existing account the role of its certificate: owner → Owner, administrator → Administrator, member and pending → User', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-roles-'));
    const scratch = engine === 'postgres' ? await createScratchDatabase(testPostgresUrl()!) : undefined;
    const database = openDatabase({ dataDir, databaseUrl: scratch?.url });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(database.engine) } });
      expect((await migrator.migrateTo('0008-groups')).error).toBeUndefined();
      const account = (id: string, role: string, status: string) => ({ id, login: `${id}@acme.test`, role, status, login_password_hash: 'h', kdf: '{}', master_key_hash_mac: 'm', encryption_key: '{}', signing_key: '{}', sealed_private_keys: 's', certificate: role === 'pending' ? null : '{}', created_at: 1, updated_at: 1 });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as 0008 left it, without role_id
      await (database.db as any).insertInto('users').values([account('u-owner', 'owner', 'active'), account('u-admin', 'administrator', 'active'), account('u-member', 'member', 'suspended'), account('u-pending', 'pending', 'pending')]).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await database.db.selectFrom('users').select(['id', 'role', 'role_id']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'u-admin', role: 'administrator', role_id: 'administrator' },
        { id: 'u-member', role: 'member', role_id: 'user' },
        { id: 'u-owner', role: 'owner', role_id: 'owner' },
        { id: 'u-pending', role: 'pending', role_id: 'user' },
      ]);
      expect(await database.db.selectFrom('roles').selectAll().execute()).toEqual([]);
    } finally {
      await database.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
