import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, type ReceivedShare } from '../../lib/contract/entry-shares';
import { getItemRoute } from '../../lib/contract/items';
import { syncRoute } from '../../lib/contract/sync';
import { listMembersDirectoryRoute } from '../../lib/contract/vaults';
import { entryShares, inboxRows, placeShortcut, readReceived, readShortcut, removeInboxShare, removeShortcut, revealReceivedField, revealShortcutField, sendToInbox, shortcutsIn } from '../../lib/session/entry-shares';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError, toReplyError } from '../../lib/session/session-error';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { memoryArea } from '../../lib/settings/memory-area';
import { createTestOrganisation, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { recordedEvents } from '../helpers/recorded-events';
import { expectRefusal } from '../helpers/route-case';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Sharing one entry (issue #10 item 2; docs/access-control.md, "Sharing one entry") with the
// extension worker's real session against the real server on both engines: the owner's worker
// places shortcuts and sends entries to inboxes; bob's and carol's workers read them. Each worker
// talks through a fetch whose answers a test may rewrite, as a hostile server would.

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };

type Rewrite = (url: string, body: unknown) => unknown;

/** A worker on a browser profile of its own, signed in and unlocked as `login`, whose server answers `rewrite` may change. */
async function workerOf(server: RunningServer, login: string, loginPassword: string, masterPassword: string, lies: { rewrite: Rewrite }) {
  const lyingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!response.ok || response.status === 204) return response;
    const changed = lies.rewrite(url, await response.clone().json());
    return changed === undefined ? response : new Response(JSON.stringify(changed), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
  const worker = createKeyholdSession({
    local: memoryArea(),
    session: memoryArea(),
    caches: createVaultCaches(`keyhold-entry-shares-${login}-${Math.random()}`),
    version: '1.0.0',
    browserLanguages: () => ['en-GB'],
    iterations: 300_000,
    fetch: lyingFetch,
  });
  await worker.setServer(server.url);
  await worker.login({ login, password: loginPassword });
  await worker.unlock(masterPassword);
  return worker;
}

type Worker = Awaited<ReturnType<typeof workerOf>>;

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof SessionError ? error.code : toReplyError(error).code;
  }
  throw new Error('expected a failure');
}

const entry = (name: string, password: string) => ({
  name,
  login: 'ops@acme.test',
  urls: [{ url: 'https://ops.acme.test/', match: 'domain' as const }],
  fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: password }],
  tags: [],
  colour: null,
  description: '',
  favourite: false,
  folderId: null,
});

const untouched: Rewrite = () => undefined;

describe.each(ENGINES)('sharing one entry on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let bob: TestMember;
  let carol: TestMember;
  /** The owner's other client. */
  let ownerApi: TestMember;
  const ownerLies = { rewrite: untouched };
  const bobLies = { rewrite: untouched };
  let owner: Worker;
  let bobs: Worker;
  let carols: Worker;
  /** The owner's private vault (bob and carol have no access) and a team vault: bob reads, carol navigates. */
  let source = '';
  let team = '';
  const certificates = new Map<string, unknown>();

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    [bob, carol] = await Promise.all([organisation.addMember('bob@acme.test'), organisation.addMember('carol@acme.test')]);
    for (const member of (await organisation.owner.api.call(listMembersDirectoryRoute)).members) certificates.set(member.userId, member.certificate);
    owner = await workerOf(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, ownerLies);
    [bobs, carols] = await Promise.all([
      workerOf(server, 'bob@acme.test', 'bob@acme.test login password', 'bob@acme.test Master 2026', bobLies),
      workerOf(server, 'carol@acme.test', 'carol@acme.test login password', 'carol@acme.test Master 2026', { rewrite: untouched }),
    ]);
    // A worker's unlock may move the account to the server's KDF target (a new master key hash):
    // the members' other clients sign in again after it.
    const signInAgain = (login: string) => unlockedMember(server, login, `${login} login password`, `${login} Master 2026`, organisation.fingerprint);
    [bob, carol] = await Promise.all([signInAgain('bob@acme.test'), signInAgain('carol@acme.test')]);
    ownerApi = await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, organisation.fingerprint);
    source = (await owner.createVault('Source', 'private')).vaultId;
    team = (await owner.createVault('Team', 'private')).vaultId;
    await owner.grant({ vaultId: team, principalType: 'user', principalId: bob.userId, folderId: null, level: 'read' });
    await owner.grant({ vaultId: team, principalType: 'user', principalId: carol.userId, folderId: null, level: 'navigation' });
    // The owner's worker hands bob the team vault's key after its sync.
    await owner.syncNow();
    await bobs.syncNow();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  const place = (itemId: string, vaultId = team) => owner.sharing((api, vault) => placeShortcut(api, vault, { itemId, vaultId, folderId: null }), true);
  const bobsShortcuts = async () => (await bobs.syncNow(), bobs.sharing(async (_api, vault) => shortcutsIn(vault, team, null)));

  it.skipIf(!available)('places a shortcut that a reader of the target vault without access to the source reads, and sees the source’s edits after a delta sync', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('Router', 'router one'))).itemId;
    const shortcutId = await place(itemId);
    await expectRefusal(bob.api.call(getItemRoute, { params: { id: itemId } }), { status: 404, code: 'notFound' });

    expect(await bobsShortcuts()).toEqual([{ id: shortcutId, itemId, vaultId: team, folderId: null, name: 'Router', login: 'ops@acme.test', host: 'ops.acme.test', stale: false }]);
    expect(await bobs.sharing(async (_api, vault) => (await readShortcut(vault, shortcutId)).name)).toBe('Router');
    expect(await bobs.sharing(async (_api, vault) => revealShortcutField(vault, shortcutId, 'password'))).toBe('router one');

    const { revision } = await owner.read(itemId);
    await owner.saveEntry(source, itemId, revision, { ...entry('Router (core)', 'router two') });
    const cursor = (await bob.api.call(syncRoute, { query: {} })).cursor;
    // The edit reaches a delta: the shortcut comes again with the entry as it is now.
    await owner.saveEntry(source, itemId, revision + 1, { ...entry('Router (core)', 'router three') });
    const delta = await bob.api.call(syncRoute, { query: { cursor } });
    expect([delta.full, delta.items.length, delta.shortcuts?.map((shortcut) => [shortcut.id, shortcut.item.revision])]).toEqual([false, 0, [[shortcutId, revision + 2]]]);
    expect((await bobsShortcuts()).map((row) => row.name)).toEqual(['Router (core)']);
    expect(await bobs.sharing(async (_api, vault) => revealShortcutField(vault, shortcutId, 'password'))).toBe('router three');

    expect((await owner.sharing((api, vault) => entryShares(api, vault, itemId))).shortcuts).toMatchObject([{ id: shortcutId, vaultId: team, vaultName: 'Team', folderId: null }]);
    expect((await recordedEvents(server, 'shortcut.created', ownerApi.userId)).map((event) => event.details)).toContainEqual({ shortcutId, targetVaultId: team, targetFolderId: null });
  });

  it.skipIf(!available)('shows nothing to a member who may only navigate the target vault', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('Hidden switch', 'switch'))).itemId;
    const shortcutId = await place(itemId);
    expect((await carol.api.call(syncRoute, { query: {} })).shortcuts ?? []).toEqual([]);
    await carols.syncNow();
    expect(await carols.sharing(async (_api, vault) => shortcutsIn(vault, team, null))).toEqual([]);
    expect(await failure(carols.sharing(async (_api, vault) => readShortcut(vault, shortcutId)))).toBe('notFound');
    await expectRefusal(carol.api.call(deleteShortcutRoute, { params: { id: shortcutId } }), { status: 404, code: 'notFound' });
  });

  it.skipIf(!available)('takes a shortcut away from its readers when it is deleted, and when its entry is trashed or purged', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('Firewall', 'firewall'))).itemId;
    const shortcutId = await place(itemId);
    expect((await bobsShortcuts()).map((row) => row.id)).toContain(shortcutId);
    // Bob reads the team vault: removing a shortcut there needs edit.
    await expectRefusal(bob.api.call(deleteShortcutRoute, { params: { id: shortcutId } }), { status: 403, code: 'forbidden' });
    await owner.sharing(async (api) => (await removeShortcut(api, shortcutId), shortcutId), true);
    expect((await bobsShortcuts()).map((row) => row.id)).not.toContain(shortcutId);
    expect((await recordedEvents(server, 'shortcut.deleted', ownerApi.userId)).map((event) => event.details.shortcutId)).toContain(shortcutId);

    const again = await place(itemId);
    expect((await bobsShortcuts()).map((row) => row.id)).toContain(again);
    await owner.binEntry(itemId, 'trash');
    expect((await bobsShortcuts()).map((row) => row.id)).not.toContain(again);
    await owner.binEntry(itemId, 'restore');
    expect((await bobsShortcuts()).map((row) => row.id)).toContain(again);
    await owner.binEntry(itemId, 'trash');
    await owner.binEntry(itemId, 'purge');
    expect((await bobsShortcuts()).map((row) => row.id)).not.toContain(again);
    expect((await bob.api.call(syncRoute, { query: {} })).shortcuts?.map((shortcut) => shortcut.id)).not.toContain(again);
  });

  it.skipIf(!available)('after a re-key, places again the shortcuts the re-keying user sees; one placed where they cannot read needs to be shared again', async () => {
    const rotating = (await owner.createVault('Rotating source', 'private')).vaultId;
    await owner.grant({ vaultId: rotating, principalType: 'user', principalId: bob.userId, folderId: null, level: 'full' });
    const itemId = (await owner.saveEntry(rotating, undefined, undefined, entry('Printer', 'printer'))).itemId;
    await owner.syncNow();
    const inTeam = await place(itemId);
    // Bob shares it into a vault of his own, which the owner cannot open.
    const bobsVault = (await bobs.createVault('Bob only', 'private')).vaultId;
    await bobs.syncNow();
    const inBobs = await bobs.sharing((api, vault) => placeShortcut(api, vault, { itemId, vaultId: bobsVault, folderId: null }), true);
    const bobsOwn = async () => (await bobs.syncNow(), bobs.sharing(async (_api, vault) => shortcutsIn(vault, bobsVault, null)));
    expect((await bobsOwn()).map((row) => [row.id, row.stale])).toEqual([[inBobs, false]]);

    expect(await owner.rotateKey(rotating)).toMatchObject({ keyVersion: 2, rekeyed: 1 });
    // The owner reads the team vault: its shortcut was placed again under the entry's fresh key.
    const team = (await bobsShortcuts()).filter((row) => row.itemId === itemId);
    expect(team.map((row) => [row.id === inTeam, row.stale])).toEqual([[false, false]]);
    expect(await bobs.sharing(async (_api, vault) => revealShortcutField(vault, team[0]!.id, 'password'))).toBe('printer');
    expect((await recordedEvents(server, 'shortcut.created', ownerApi.userId)).map((event) => event.details.replaces)).toContain(inTeam);
    // Bob's own vault: nobody who re-keyed could open it, so it says so.
    expect((await bobsOwn()).map((row) => [row.id, row.stale])).toEqual([[inBobs, true]]);
    expect(await failure(bobs.sharing(async (_api, vault) => readShortcut(vault, inBobs)))).toBe('shareStale');
  });

  it.skipIf(!available)('sends an entry to a certified member’s inbox: read there, then dismissed', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('VPN', 'vpn secret'))).itemId;
    const shown = (await owner.directory()).members.find((member) => member.userId === bob.userId)!.fingerprint;
    const shareId = await owner.sharing((api, vault) => sendToInbox(api, vault, { itemId, userId: bob.userId, fingerprint: shown }));
    const rows = await bobs.sharing(async (api, vault) => (await inboxRows(api, vault)).rows);
    expect(rows).toMatchObject([{ id: shareId, itemId, senderLogin: 'owner@acme.test', name: 'VPN', problem: null }]);
    expect(await bobs.sharing(async (api, vault) => (await readReceived(api, vault, shareId)).name)).toBe('VPN');
    expect(await bobs.sharing((api, vault) => revealReceivedField(api, vault, shareId, 'password'))).toBe('vpn secret');
    await bobs.sharing(async (api) => (await removeInboxShare(api, shareId), shareId));
    expect((await bob.api.call(listInboxRoute)).shares).toEqual([]);
    expect((await recordedEvents(server, 'inbox.sent', ownerApi.userId)).map((event) => event.details)).toContainEqual({ shareId, recipientId: bob.userId });
    expect((await recordedEvents(server, 'inbox.dismissed', bob.userId)).map((event) => event.details.shareId)).toContain(shareId);
  });

  it.skipIf(!available)('refuses to send to a key the server swapped in, or to one other than the key shown', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('Payroll', 'payroll'))).itemId;
    expect(await failure(owner.sharing((api, vault) => sendToInbox(api, vault, { itemId, userId: carol.userId, fingerprint: bob.certified.encryptionFingerprint })))).toBe('tampered');
    // The server hands out bob's genuine certificate as carol's: it names another user.
    ownerLies.rewrite = (url, body) => (url.endsWith(`/users/${carol.userId}/public-key`) ? { ...(body as object), certificate: certificates.get(bob.userId) } : undefined);
    expect(await failure(owner.sharing((api, vault) => sendToInbox(api, vault, { itemId, userId: carol.userId, fingerprint: carol.certified.encryptionFingerprint })))).toBe('tampered');
    ownerLies.rewrite = untouched;
    expect((await ownerApi.api.call(listEntrySharesRoute, { params: { id: itemId } })).inbox).toEqual([]);
  });

  it.skipIf(!available)('opens no share whose signature or binding does not verify', async () => {
    const [first, second] = await Promise.all([owner.saveEntry(source, undefined, undefined, entry('Alarm', 'alarm')), owner.saveEntry(source, undefined, undefined, entry('Door', 'door'))]);
    const shown = bob.certified.encryptionFingerprint;
    const send = (itemId: string) => owner.sharing((api, vault) => sendToInbox(api, vault, { itemId, userId: bob.userId, fingerprint: shown }));
    const [alarm, door] = [await send(first.itemId), await send(second.itemId)];
    const lie = (change: (share: ReceivedShare, all: ReceivedShare[]) => ReceivedShare) => {
      bobLies.rewrite = (url, body) => (url.endsWith('/api/v1/inbox') ? { shares: (body as { shares: ReceivedShare[] }).shares.map((share, _index, all) => (share.id === alarm ? change(share, all) : share)) } : undefined);
    };
    const alarmRow = async () => (await bobs.sharing(async (api, vault) => (await inboxRows(api, vault)).rows)).find((row) => row.id === alarm);

    // The door's entry served under the alarm's wrap: the wrap names another item.
    lie((share, all) => {
      const other = all.find((candidate) => candidate.id === door)!;
      return { ...share, itemId: other.itemId, item: other.item };
    });
    expect((await alarmRow())?.problem).toBe('unverified');
    expect(await failure(bobs.sharing((api, vault) => readReceived(api, vault, alarm)))).toBe('tampered');
    // Sent by someone else, as the server tells it: carol's certificate for the owner's signature.
    lie((share) => ({ ...share, senderId: carol.userId, senderCertificate: certificates.get(carol.userId) as ReceivedShare['senderCertificate'] }));
    expect((await alarmRow())?.problem).toBe('unverified');
    // Re-addressed wrap: the signature covers the recipient.
    lie((share) => ({ ...share, wrap: { ...share.wrap, recipientId: carol.userId } }));
    expect((await alarmRow())?.problem).toBe('unverified');
    bobLies.rewrite = untouched;
    expect((await alarmRow())?.problem).toBe(null);
  });

  it.skipIf(!available)('lets the sender revoke an inbox share; nobody else without rights on the entry may', async () => {
    const itemId = (await owner.saveEntry(source, undefined, undefined, entry('Camera', 'camera'))).itemId;
    const shareId = await owner.sharing((api, vault) => sendToInbox(api, vault, { itemId, userId: bob.userId, fingerprint: bob.certified.encryptionFingerprint }));
    await expectRefusal(carol.api.call(deleteInboxShareRoute, { params: { id: shareId } }), { status: 404, code: 'notFound' });
    expect((await owner.sharing((api, vault) => entryShares(api, vault, itemId))).inbox).toMatchObject([{ id: shareId, recipientLogin: 'bob@acme.test' }]);
    await owner.sharing(async (api) => (await removeInboxShare(api, shareId), shareId));
    expect((await bob.api.call(listInboxRoute)).shares.map((share) => share.id)).not.toContain(shareId);
    expect((await recordedEvents(server, 'inbox.revoked', ownerApi.userId)).map((event) => event.details.shareId)).toContain(shareId);
  });
});
