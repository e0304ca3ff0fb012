import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { suspendUserRoute, reactivateUserRoute } from '../../lib/contract/admin-users';
import { acceptInvitationRoute, invitationInfoRoute } from '../../lib/contract/invitations';
import { acceptRecoveryRoute, recoveryInfoRoute, startRecoveryRoute } from '../../lib/contract/recovery';
import { listVaultsRoute } from '../../lib/contract/vaults';
import * as admin from '../../lib/session/admin-console';
import { parseRecoveryLink } from '../../lib/session/invitation-link';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import { toReplyError } from '../../lib/session/session-error';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { memoryArea } from '../../lib/settings/memory-area';
import { parseInvitationFragment, recoveryAcceptToken } from '../../lib/crypto/invitation';
import { prepareRegistration } from '../../lib/vault/invitation-flow';
import { errorOf } from '../helpers/api-error';
import { organisationOf, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { TEST_POLICY } from '../helpers/policy';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Account recovery (issue #10, item 6) with the real client libraries against the real server: the
// administrator's worker makes the link, the member's worker makes new keys with it, the
// administrator certifies them at the fingerprint the member reads, and the administrator's next
// sync hands back the keys of everything shared with the member; the private vault only the old
// keys opened is gone. Then who may recover whom, and links that no longer work.

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };
const MIA = { login: 'mia@acme.test', loginPassword: 'mia@acme.test login password', masterPassword: 'mia@acme.test Master 2026' };
const MIA_NEW = { loginPassword: 'mia new login password 2026', masterPassword: 'Mia Remembers This One 2026' };

let deviceCount = 0;

/** One browser profile's worker session. */
function newWorker(local = memoryArea()) {
  return createKeyholdSession({ local, session: memoryArea(), caches: createVaultCaches(`keyhold-recovery-test-${++deviceCount}`), version: '1.0.0', browserLanguages: () => ['en-GB'], iterations: 300_000 });
}
type Worker = ReturnType<typeof newWorker>;

async function signedIn(server: RunningServer, login: string, loginPassword: string, masterPassword: string): Promise<Worker> {
  const worker = newWorker();
  await worker.setServer(server.url);
  await worker.login({ login, password: loginPassword });
  await worker.unlock(masterPassword);
  return worker;
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

const entry = (name: string, password: string) => ({ name, login: 'ops', urls: [], fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: password }], tags: [], colour: null, description: '', favourite: false, folderId: null });

describe.each(ENGINES)('account recovery on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let owner: Worker;
  let pinned: string;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    // The owner registers in the extension (an unlock elsewhere would raise the KDF under the
    // worker's feet); their Node client then adds members as another device of theirs.
    const local = memoryArea();
    owner = newWorker(local);
    await owner.setServer(server.url);
    await owner.setupOwner({ setupToken: server.setupToken()!, organisationName: 'Acme', ...OWNER });
    pinned = ((await local.get('keyhold.account'))['keyhold.account'] as { organisationFingerprint: string }).organisationFingerprint;
    organisation = await organisationOf(server, await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, pinned), pinned);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('a member who forgot the master password gets new keys; what is shared comes back, the private vault is gone', async () => {
    const mia: TestMember = await organisation.addMember(MIA.login);
    // The company's vault, shared with Mia to read.
    const team = (await owner.createVault('Team', 'company')).vaultId;
    const router = (await owner.saveEntry(team, undefined, undefined, entry('Router', 'router secret'))).itemId;
    await owner.grant({ vaultId: team, principalType: 'user', principalId: mia.userId, folderId: null, level: 'read' });

    const laptop = await signedIn(server, MIA.login, MIA.loginPassword, MIA.masterPassword);
    // Her own vault, and one she made and gave the owner to administer: its wrap to the owner is signed with her old key.
    const mine = (await laptop.createVault('Mine', 'private')).vaultId;
    await laptop.saveEntry(mine, undefined, undefined, entry('Diary', 'only mine'));
    const handover = (await laptop.createVault('Handover', 'private')).vaultId;
    const notes = (await laptop.saveEntry(handover, undefined, undefined, entry('Runbook', 'handed over'))).itemId;
    await laptop.grant({ vaultId: handover, principalType: 'user', principalId: organisation.owner.userId, folderId: null, level: 'admin' });
    await laptop.syncNow();
    expect((await laptop.revealField(router, 'password')).value).toBe('router secret');

    // The administrator starts the recovery: a link, and nothing changes yet.
    const started = await owner.admin((context) => admin.recover(context, mia.userId));
    expect(started).toMatchObject({ userId: mia.userId, login: MIA.login });
    expect(started.link).toMatch(new RegExp(`^${server.url}/recover/[A-Za-z0-9_-]+#org=`));
    expect((await laptop.syncNow()).state).toBe('unlocked');

    // On a new device (the old one is locked out by the forgotten password), Mia makes new keys with the link.
    const phone = newWorker();
    await phone.setServer(server.url);
    expect(await codeOf(phone.recover({ recoveryLink: started.link, login: 'someone@acme.test', ...MIA_NEW }))).toBe('invitationInvalid');
    expect(await phone.recover({ recoveryLink: started.link, login: MIA.login, ...MIA_NEW })).toMatchObject({ state: 'unlocked', pendingConfirmation: true });
    const { fingerprint } = await phone.fingerprint();

    // Every old session has ended; the old passwords open nothing.
    expect(await codeOf(laptop.syncNow())).toBe('signedOut');
    expect((await errorOf(mia.api.call(listVaultsRoute))).status).toBe(401);
    const tablet = newWorker();
    await tablet.setServer(server.url);
    expect(await codeOf(tablet.login({ login: MIA.login, password: MIA.loginPassword }))).toBe('wrongPassword');
    await tablet.login({ login: MIA.login, password: MIA_NEW.loginPassword });
    expect(await codeOf(tablet.unlock(MIA.masterPassword))).toBe('wrongMasterPassword');
    // The link is used.
    expect(await codeOf(newWorker().recover({ recoveryLink: started.link, login: MIA.login, ...MIA_NEW }))).toBe('invitationInvalid');

    // The administrator certifies the new key at the fingerprint Mia reads, as for a newcomer.
    const pending = await owner.admin((context) => admin.pendingMembers(context));
    expect(pending).toEqual([{ userId: mia.userId, login: MIA.login, role: 'member', fingerprint, verified: true }]);
    await owner.admin((context) => admin.certify(context, mia.userId, fingerprint, Date.now()));
    expect((await owner.admin(({ api }) => admin.listUsers(api))).users.find((user) => user.id === mia.userId)).toMatchObject({ role: 'member', status: 'active', certificatePending: false });

    // The owner's next sync wraps the keys back to her (Handover's through the owner's wrap Mia signed before: her retired certificate verifies it).
    await owner.syncNow();
    const synced = await phone.syncNow();
    expect(synced.pendingConfirmation).toBe(false);
    const vaults = (await phone.tree()).vaults.map((vault) => [vault.name, vault.hasKey]);
    expect(vaults).toEqual(expect.arrayContaining([
      ['Team', true],
      ['Handover', true],
    ]));
    expect(vaults.map(([name]) => name)).not.toContain('Mine');
    expect((await phone.revealField(router, 'password')).value).toBe('router secret');
    expect((await phone.revealField(notes, 'password')).value).toBe('handed over');

    // Another device of the owner, from nothing, still opens Handover with the wrap Mia signed before her recovery.
    const desk = await signedIn(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword);
    expect((await desk.revealField(notes, 'password')).value).toBe('handed over');
    // That unlock raised the owner's KDF to the server's target: the first device and the Node client follow.
    await owner.lock();
    await owner.unlock(OWNER.masterPassword);
    organisation = await organisationOf(server, await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, pinned), pinned);

    const recovered = await recordedEvents(server, 'user.recovered', mia.userId);
    expect(recovered.map((event) => event.details)).toEqual([expect.objectContaining({ recoveryId: parseRecoveryLink(started.link).invitationId, startedBy: organisation.owner.userId, deletedVaults: [mine], unreadableVaults: [] })]);
    expect((await recordedEvents(server, 'user.recoveryStarted', organisation.owner.userId)).map((event) => event.target?.id)).toEqual([mia.userId]);
    expect((await recordedEvents(server, 'vault.deleted', mia.userId)).map((event) => [event.target?.id, event.details])).toEqual([[mine, { lostInRecoveryOf: mia.userId }]]);
  });

  it.skipIf(!available)('only administrators recover, never themselves or the owner, administrators only by the owner, nobody suspended; used and replaced links are 404', async () => {
    const [bob, carol, adam, ada] = [await organisation.addMember('bob@acme.test'), await organisation.addMember('carol@acme.test'), await organisation.addMember('adam@acme.test', 'administrator'), await organisation.addMember('ada@acme.test', 'administrator')];
    const body = { id: 'recovery-refused-1', encryptedSecret: 'AAAA', acceptToken: 'A'.repeat(43), expiresInHours: 1 };
    const start = (by: TestMember, target: string) => errorOf(by.api.call(startRecoveryRoute, { params: { id: target }, body }));
    expect(await start(bob, carol.userId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await start(organisation.owner, organisation.owner.userId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await start(adam, organisation.owner.userId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await start(adam, ada.userId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await start(adam, 'no-such-user-1')).toMatchObject({ status: 404, code: 'notFound' });
    expect(await errorOf(createApiClient({ baseUrl: server.url }).call(startRecoveryRoute, { params: { id: carol.userId }, body }))).toMatchObject({ status: 401 });
    await organisation.owner.api.call(suspendUserRoute, { params: { id: carol.userId } });
    expect(await start(organisation.owner, carol.userId)).toMatchObject({ status: 409, code: 'conflict' });
    await organisation.owner.api.call(reactivateUserRoute, { params: { id: carol.userId } });

    // The owner may recover an administrator; a second link replaces the first.
    const first = await owner.admin((context) => admin.recover(context, ada.userId));
    const second = await owner.admin((context) => admin.recover(context, ada.userId));
    const anonymous = createApiClient({ baseUrl: server.url });
    const firstId = parseRecoveryLink(first.link).invitationId;
    const secondId = parseRecoveryLink(second.link).invitationId;
    expect(await errorOf(anonymous.call(recoveryInfoRoute, { params: { id: firstId } }))).toMatchObject({ status: 404, code: 'notFound' });
    expect(await anonymous.call(recoveryInfoRoute, { params: { id: secondId } })).toMatchObject({ userId: ada.userId, login: 'ada@acme.test', organisationId: organisation.organisationId });
    // A recovery link is no invitation: nobody registers with it.
    expect(await errorOf(anonymous.call(invitationInfoRoute, { params: { id: secondId } }))).toMatchObject({ status: 404 });

    // Over HTTP: another login than the account's is refused; then the link works once.
    const info = await anonymous.call(recoveryInfoRoute, { params: { id: secondId } });
    const acceptToken = await recoveryAcceptToken(parseInvitationFragment(parseRecoveryLink(second.link).fragment).secret);
    const prepare = async (login: string) => {
      const { userId: _id, ...keys } = (await prepareRegistration({ policy: TEST_POLICY, invitationId: secondId, fragment: parseRecoveryLink(second.link).fragment, organisationKey: info.organisationKey, userId: ada.userId, login, ...MIA_NEW, iterations: 300_000 })).body;
      return { ...keys, acceptToken };
    };
    const wrongLogin = await prepare('bob@acme.test');
    expect(await errorOf(anonymous.call(acceptRecoveryRoute, { params: { id: secondId }, body: wrongLogin }))).toMatchObject({ status: 400, code: 'validationFailed' });
    const keys = await prepare('ada@acme.test');
    // Someone who saw only the id (a request line, a proxy's log) changes nothing: the token comes from the link's secret.
    expect(await errorOf(anonymous.call(acceptRecoveryRoute, { params: { id: secondId }, body: { ...keys, acceptToken: 'A'.repeat(43) } }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await owner.admin(({ api }) => admin.listUsers(api))).users.find((user) => user.id === ada.userId)).toMatchObject({ role: 'administrator', status: 'active' });
    expect(await anonymous.call(acceptRecoveryRoute, { params: { id: secondId }, body: keys })).toEqual({ userId: ada.userId, deletedVaults: [] });
    expect(await errorOf(anonymous.call(acceptRecoveryRoute, { params: { id: secondId }, body: keys }))).toMatchObject({ status: 404, code: 'notFound' });
    expect(await errorOf(anonymous.call(recoveryInfoRoute, { params: { id: secondId } }))).toMatchObject({ status: 404, code: 'notFound' });
    // Until certified again, the recovered administrator administers nothing.
    expect((await owner.admin(({ api }) => admin.listUsers(api))).users.find((user) => user.id === ada.userId)).toMatchObject({ role: 'pending', status: 'pending', certificatePending: true });
    expect((await owner.admin((context) => admin.pendingMembers(context))).find((member) => member.userId === ada.userId)).toMatchObject({ role: 'administrator', verified: true });
    // Still an administrator to be: only the owner recovers her again.
    expect(await start(adam, ada.userId)).toMatchObject({ status: 403, code: 'forbidden' });
    // Lost the new one too before being certified: recovered again, still to be an administrator.
    const third = parseRecoveryLink((await owner.admin((context) => admin.recover(context, ada.userId))).link);
    const again = await prepareRegistration({ policy: TEST_POLICY, invitationId: third.invitationId, fragment: third.fragment, organisationKey: info.organisationKey, userId: ada.userId, login: 'ada@acme.test', ...MIA_NEW, iterations: 300_000 });
    const { userId: _again, ...newest } = again.body;
    await anonymous.call(acceptRecoveryRoute, { params: { id: third.invitationId }, body: { ...newest, acceptToken: await recoveryAcceptToken(parseInvitationFragment(third.fragment).secret) } });
    expect((await owner.admin((context) => admin.pendingMembers(context))).find((member) => member.userId === ada.userId)).toMatchObject({ role: 'administrator', verified: true });
    // Someone invited and never certified is invited again instead.
    const invitation = await organisation.invite();
    const registration = await prepareRegistration({ policy: TEST_POLICY, invitationId: invitation.id, fragment: invitation.fragment, organisationKey: info.organisationKey, login: 'newbie@acme.test', ...MIA_NEW, iterations: 300_000 });
    await anonymous.call(acceptInvitationRoute, { params: { id: invitation.id }, body: registration.body });
    expect(await start(organisation.owner, registration.body.userId)).toMatchObject({ status: 409, code: 'conflict' });
  });
});
