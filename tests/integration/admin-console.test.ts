import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmTotpRoute, startTotpRoute } from '../../lib/contract/mfa';
import { organisationKeysRoute } from '../../lib/contract/invitations';
import { PERMISSIONS } from '../../lib/contract/permissions';
import * as admin from '../../lib/session/admin-console';
import * as roles from '../../lib/session/admin-roles';
import * as machines from '../../lib/session/admin-machines';
import { openMachineSession } from '../../lib/vault/machine-session';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import { toReplyError } from '../../lib/session/session-error';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { memoryArea } from '../../lib/settings/memory-area';
import { openAdministratorKeys } from '../../lib/vault/invitation-flow';
import { totpCode } from '../../lib/vault/totp';
import { organisationOf, unlockedMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { errorOf } from '../helpers/api-error';

// The admin console as the worker runs it (lib/session/admin-console.ts through the session's
// `admin`), against the real server: invitations and certificates, suspension, roles and the
// password policy (lib/session/admin-roles.ts), and the organisation-wide second factor with a new
// device enrolling through its worker.

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };

let deviceCount = 0;

/** One browser profile's worker session: its own storage areas and cache database. */
function newWorker(local = memoryArea()) {
  return createKeyholdSession({
    local,
    session: memoryArea(),
    caches: createVaultCaches(`keyhold-admin-console-test-${++deviceCount}`),
    version: '1.0.0',
    browserLanguages: () => ['en-GB'],
    iterations: 300_000,
  });
}

/** The reply code a failed worker call would carry to the page. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return toReplyError(error).code;
  }
  throw new Error('expected a failure');
}

describe.each(ENGINES)('the admin console from the worker on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let worker: ReturnType<typeof newWorker>;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    // The owner registers in the extension (so no unlock elsewhere raises its KDF under the worker's
    // feet); their Node client then adds members as another device of theirs.
    const local = memoryArea();
    worker = newWorker(local);
    await worker.setServer(server.url);
    expect(await worker.setupOwner({ setupToken: server.setupToken()!, organisationName: 'Acme', ...OWNER })).toMatchObject({ state: 'unlocked' });
    const pinned = ((await local.get('keyhold.account'))['keyhold.account'] as { organisationFingerprint: string }).organisationFingerprint;
    organisation = await organisationOf(server, await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, pinned), pinned);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('invites, lists the newcomer pending with the fingerprint they read, and certifies them', async () => {
    const invited = await worker.admin((context) => admin.invite(context, 'member'));
    expect(invited.link).toMatch(new RegExp(`^${server.url}/join/${invited.id}#`));
    expect(invited.expiresAt).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect((await worker.admin(({ api }) => admin.invitations(api))).find((invitation) => invitation.id === invited.id)).toMatchObject({ role: 'member', accepted: false });

    const newcomer = newWorker();
    const joined = await newcomer.join({ invitationLink: invited.link, login: 'dan@acme.test', loginPassword: 'dan login password 2026', masterPassword: 'Dan Master Password 2026' });
    expect(joined).toMatchObject({ state: 'unlocked', pendingConfirmation: true });
    // What the newcomer reads under "Your key" before anyone certified it.
    const { fingerprint } = await newcomer.fingerprint();

    const pending = await worker.admin((context) => admin.pendingMembers(context));
    const dan = pending.find((member) => member.login === 'dan@acme.test');
    expect(dan).toMatchObject({ role: 'member', fingerprint, verified: true });
    expect((await worker.admin(({ api }) => admin.invitations(api))).find((invitation) => invitation.id === invited.id)?.accepted).toBe(true);

    // Another key than the one compared is never certified.
    expect(await codeOf(worker.admin((context) => admin.certify(context, dan!.userId, '00'.repeat(32), Date.now())))).toBe('tampered');
    await worker.admin((context) => admin.certify(context, dan!.userId, fingerprint, Date.now()));
    expect(await worker.admin((context) => admin.pendingMembers(context))).toEqual([]);
    expect((await newcomer.syncNow()).pendingConfirmation).toBe(false);
    expect((await newcomer.fingerprint()).fingerprint).toBe(fingerprint);
    expect((await worker.admin(({ api }) => admin.listUsers(api))).users.find((user) => user.login === 'dan@acme.test')).toMatchObject({ role: 'member', status: 'active', certificatePending: false });
  });

  it.skipIf(!available)('creates a machine account whose access key, shown once, signs in; adds a second key and revokes it', async () => {
    const created = await worker.admin((context) => machines.createMachine(context, { name: 'ci-console', accessKeyName: 'first', expiresAt: null }));
    expect(created.machine).toMatchObject({ name: 'ci-console', accessKeys: [{ name: 'first', revokedAt: null, lastUsedAt: null }] });
    expect((await openMachineSession(server.url, created.accessKey)).userId).toBe(created.machine.id);
    const second = await worker.admin((context) => machines.createAccessKey(context, created.machine.id, { name: 'second', expiresAt: Date.now() + 86_400_000 }));
    await openMachineSession(server.url, second.accessKey);
    await worker.admin(({ api }) => machines.revokeAccessKey(api, created.machine.id, second.key.id));
    const listed = (await worker.admin(({ api }) => machines.listMachines(api))).find((machine) => machine.id === created.machine.id)!;
    expect(listed.accessKeys.map((key) => [key.name, key.revokedAt !== null, key.lastUsedAt !== null])).toEqual([
      ['first', false, true],
      ['second', true, true],
    ]);
    expect((await errorOf(openMachineSession(server.url, second.accessKey))).code).toBe('accessKeyRevoked');
  });

  it.skipIf(!available)('suspends someone, whose sign-in is then refused as suspended, and reactivates them', async () => {
    const bob = await organisation.addMember('bob@acme.test');
    const listed = await worker.admin(({ api }) => admin.listUsers(api));
    expect(listed.loginPassword).not.toBeNull();
    expect(listed.users.find((user) => user.id === bob.userId)).toMatchObject({ status: 'active', mfa: false });

    expect(await worker.admin(({ api }) => admin.suspendUser(api, bob.userId))).toMatchObject({ id: bob.userId, status: 'suspended' });
    const laptop = newWorker();
    await laptop.setServer(server.url);
    expect(await codeOf(laptop.login({ login: 'bob@acme.test', password: 'bob@acme.test login password' }))).toBe('accountSuspended');

    expect(await worker.admin(({ api }) => admin.reactivateUser(api, bob.userId))).toMatchObject({ status: 'active' });
    expect((await laptop.login({ login: 'bob@acme.test', password: 'bob@acme.test login password' })).state).toBe('locked');
  });

  it.skipIf(!available)('reads its own permissions, makes a custom role, gives it to a member, refuses deleting it while held, and edits the password policy', async () => {
    expect(await worker.admin(({ api }) => roles.adminPermissions(api))).toEqual({ roleId: 'owner', permissions: [...PERMISSIONS], administrator: true, owner: true });
    const erin = await organisation.addMember('erin@acme.test');
    const made = await worker.admin(({ api }) => roles.createRole(api, 'Helpdesk', ['manageUsers']));
    expect(made).toMatchObject({ name: 'Helpdesk', builtIn: false, permissions: ['manageUsers'], userCount: 0 });
    expect(await worker.admin((context) => roles.setUserRole(context, erin.userId, made.id))).toMatchObject({ id: erin.userId, role: 'member', roleId: made.id });
    expect(await codeOf(worker.admin(({ api }) => roles.deleteRole(api, made.id)))).toBe('conflict');
    expect((await worker.admin(({ api }) => roles.listRoles(api))).find((role) => role.id === made.id)?.userCount).toBe(1);

    const policy = await worker.admin(({ api }) => roles.passwordPolicy(api));
    const stricter = { ...policy, masterPassword: { ...policy.masterPassword, requireDigits: true } };
    expect(await worker.admin(({ api }) => roles.setPasswordPolicy(api, stricter))).toEqual(stricter);
    expect(await worker.admin(({ api }) => roles.setPasswordPolicy(api, policy))).toEqual(policy);
  });

  it.skipIf(!available)('certifies a newcomer invited as administrator with the organisation key, and the newcomer’s own worker then invites and certifies', async () => {
    const invited = await worker.admin((context) => admin.invite(context, 'administrator'));
    const hanaWorker = newWorker();
    await hanaWorker.join({ invitationLink: invited.link, login: 'hana@acme.test', loginPassword: 'hana login password 2026', masterPassword: 'Hana Master Password 2026' });
    const hana = (await worker.admin((context) => admin.pendingMembers(context))).find((member) => member.login === 'hana@acme.test')!;
    await worker.admin((context) => admin.certify(context, hana.userId, hana.fingerprint, Date.now()));
    expect((await hanaWorker.syncNow()).pendingConfirmation).toBe(false);

    const next = await hanaWorker.admin((context) => admin.invite(context, 'member'));
    const ivoWorker = newWorker();
    await ivoWorker.join({ invitationLink: next.link, login: 'ivo@acme.test', loginPassword: 'ivo login password 2026', masterPassword: 'Ivo Master Password 2026' });
    const ivo = (await hanaWorker.admin((context) => admin.pendingMembers(context))).find((member) => member.login === 'ivo@acme.test')!;
    expect(ivo).toMatchObject({ verified: true });
    await hanaWorker.admin((context) => admin.certify(context, ivo.userId, ivo.fingerprint, Date.now()));
    expect((await ivoWorker.syncNow()).pendingConfirmation).toBe(false);
  });

  it.skipIf(!available)('promotes a member to Administrator: the worker signs the new certificate and wraps the organisation key, then hands over the company vault keys on its next sync', async () => {
    const { vaultId } = await worker.createVault('Operations', 'company');
    const gina = await organisation.addMember('gina@acme.test');
    expect(await worker.admin((context) => roles.setUserRole(context, gina.userId, 'administrator'))).toMatchObject({ id: gina.userId, role: 'administrator', roleId: 'administrator' });
    // Gina opens the organisation key from the owner's wrap, checked against the owner's certificate.
    const response = await gina.api.call(organisationKeysRoute);
    const granter = await organisation.certifiedMember(response.keyWrap.granterId);
    const opened = await openAdministratorKeys(response, { userId: gina.userId, encryptionPrivateKey: gina.keys.encryption.privateKey }, granter, organisation.fingerprint);
    expect(opened.organisationKey.fingerprint).toBe(organisation.fingerprint);
    // Administrator of the company vault at once, its key pending until the owner's worker syncs.
    await expect(organisation.openVault(gina, vaultId)).rejects.toThrow(/pending/);
    await worker.syncNow();
    await expect(organisation.openVault(gina, vaultId)).resolves.toMatchObject({ vaultId });
    // An administrator is not demoted by a role: the worker passes the server's 409 on as a conflict.
    expect(await codeOf(worker.admin((context) => roles.setUserRole(context, gina.userId, 'user')))).toBe('conflict');
  });

  it.skipIf(!available)('requires two-step sign-in once the administrator has it; a new device of a member without it enrols through the worker, then unlocks', async () => {
    const carol = await organisation.addMember('carol@acme.test');
    expect(await worker.admin(({ api }) => admin.mfaRule(api))).toEqual({ requireMfa: false });
    // The administrator has no second factor yet: refused, as the page says plainly.
    expect(await codeOf(worker.admin(({ api }) => admin.requireMfa(api, true)))).toBe('conflict');

    const { secret: ownerSecret } = await organisation.owner.api.call(startTotpRoute, {});
    await organisation.owner.api.call(confirmTotpRoute, { body: { code: totpCode({ secret: ownerSecret }, Date.now()) } });
    expect(await worker.admin(({ api }) => admin.requireMfa(api, true))).toEqual({ requireMfa: true });

    const phone = newWorker();
    await phone.setServer(server.url);
    const signedIn = await phone.login({ login: carol.login, password: 'carol@acme.test login password' });
    expect(signedIn).toMatchObject({ state: 'locked', mfaEnrolment: true });
    // Nothing but the enrolment before the factor is on.
    expect(await codeOf(phone.unlock('carol@acme.test Master 2026'))).toBe('mfaEnrolmentRequired');
    expect((await phone.status()).mfaEnrolment).toBe(true);

    const { secret, uri } = await phone.mfaStart();
    expect(uri).toContain(secret);
    const { recoveryCodes } = await phone.mfaConfirm(totpCode({ secret }, Date.now()));
    expect(recoveryCodes.length).toBeGreaterThan(0);
    expect((await phone.status()).mfaEnrolment).toBe(false);
    expect((await phone.unlock('carol@acme.test Master 2026')).state).toBe('unlocked');
    expect((await worker.admin(({ api }) => admin.listUsers(api))).users.find((user) => user.id === carol.userId)?.mfa).toBe(true);

    expect(await worker.admin(({ api }) => admin.requireMfa(api, false))).toEqual({ requireMfa: false });
  });
});
