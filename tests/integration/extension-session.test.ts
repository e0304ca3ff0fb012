import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItemRoute, updateItemRoute } from '../../lib/contract/items';
import { listSessionsRoute, revokeSessionRoute } from '../../lib/contract/sessions';
import { changeMasterKeyRoute } from '../../lib/contract/master-key';
import { getAppSettingsRoute, updateKdfTargetRoute } from '../../lib/contract/app-settings';
import { userKeysRoute } from '../../lib/contract/users';
import { getVaultRoute, listMembersDirectoryRoute } from '../../lib/contract/vaults';
import { expectRefusal } from '../helpers/route-case';
import { deriveMasterKey, newKdfParams, type KdfParams } from '../../lib/crypto/kdf';
import { prepareMasterPasswordChange } from '../../lib/vault/master-password';
import { checkPassword } from '../../lib/vault/password-policy';
import { openVaultKey } from '../../lib/vault/vault-keys';
import { newTotpSecret, totpCode } from '../../lib/vault/totp';
import { openItem, revealField, updateItem } from '../../lib/vault/item';
import { formatInvitationLink } from '../../lib/session/invitation-link';
import { createKeyholdSession, type SessionDeps } from '../../lib/session/keyhold-session';
import { SessionError, toReplyError } from '../../lib/session/session-error';
import type { OpenedVault } from '../../lib/session/opened-vault';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { openCacheDatabase } from '../../lib/cache/cache-database';
import { memoryArea } from '../../lib/settings/memory-area';
import type { KeyValueArea } from '../../lib/settings/settings';
import { createTestOrganisation, unlockedMember, type TestMember, type TestOrganisation } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { newItem, newVault } from '../helpers/vault-fixtures';
import { hostileServer, type HostileServer } from '../helpers/tamper';

// The extension worker's session, driven as the popup drives it, against the real server: each
// `device()` is one browser profile (storage areas and IndexedDB); a second session on the same
// device is the worker after the browser stopped it.

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };

let deviceCount = 0;

/**
 * A browser profile: its storage areas and IndexedDB database. `start()` is a new service worker on
 * it, and stops the one before, as Chrome does: the old one's unfinished background work (an
 * unlock's check with the server, a sync, a KDF upgrade) stops where it is. It writes nothing more
 * to storage or to the cache and sends no more requests; what it awaits never settles.
 */
function device(clock = { now: Date.now() }) {
  const local = memoryArea();
  const session = memoryArea();
  const databaseName = `keyhold-cache-test-${++deviceCount}`;
  let generation = 0;
  const start = (extra: Partial<SessionDeps> = {}) => {
    const mine = ++generation;
    const whileAlive = <T>(work: () => Promise<T>): Promise<T> => (mine === generation ? work() : new Promise<T>(() => undefined));
    const area = (inner: KeyValueArea): KeyValueArea => ({
      get: (key) => inner.get(key),
      set: (changes) => whileAlive(() => inner.set(changes)),
      remove: (key) => whileAlive(async () => inner.remove?.(key)),
    });
    const caches = createVaultCaches(databaseName);
    const guarded = (vault: OpenedVault): OpenedVault => ({
      ...vault,
      applySync: (response) => whileAlive(() => vault.applySync(response)),
      rewrap: (masterKey, material) => whileAlive(() => vault.rewrap(masterKey, material)),
    });
    const fetcher = extra.fetch ?? fetch;
    return createKeyholdSession({
      local: area(local),
      session: area(session),
      caches: {
        cachedMaterial: (owner) => caches.cachedMaterial(owner),
        open: async (owner, masterKey, keys) => guarded(await caches.open(owner, masterKey, keys)),
        create: (owner, masterKey, material, keys) => whileAlive(async () => guarded(await caches.create(owner, masterKey, material, keys))),
        forget: (owner) => whileAlive(() => caches.forget(owner)),
      },
      version: '1.0.0',
      browserLanguages: () => ['en-GB'],
      iterations: 300_000,
      now: () => clock.now,
      ...extra,
      fetch: (input, init) => whileAlive(() => fetcher(input, init)),
    });
  };
  return { local, session, clock, start, databaseName };
}

/** Flips one byte of the first index chunk `databaseName` holds, as a damaged disk would. */
async function damageAChunk(databaseName: string): Promise<void> {
  const db = await openCacheDatabase(databaseName);
  try {
    const tx = db.transaction('chunks', 'readwrite');
    const [key] = await tx.store.getAllKeys();
    const sealed = (await tx.store.get(key!))!;
    sealed[sealed.length - 40]! ^= 1;
    await tx.store.put(sealed, key!);
    await tx.done;
  } finally {
    db.close();
  }
}

/** A vault key `member` wrapped to themselves (they made the vault). */
async function ownVaultKey(member: TestMember, vaultId: string) {
  const served = await member.api.call(getVaultRoute, { params: { id: vaultId } });
  return openVaultKey({ vaultId, keyVersion: served.vault.keyVersion, wrap: served.wrap!, me: member.userId, privateKey: member.keys.encryption.privateKey, granter: member.certified });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return error.code;
    return (error as Error).name;
  }
  throw new Error('expected a failure');
}

describe.each(ENGINES)('the extension session on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let owner: TestMember;
  const phone = device();

  let pinned = '';
  const organisationFingerprint = () => pinned;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    const worker = phone.start();
    expect((await worker.status()).state).toBe('needsServer');
    expect(await failure(worker.setServer('http://vault.acme.test'))).toBe('ServerUrlError');
    expect((await worker.setServer(server.url)).state).toBe('signedOut');
    const setUp = await worker.setupOwner({ setupToken: server.setupToken()!, organisationName: 'Acme', ...OWNER });
    expect(setUp).toMatchObject({ state: 'unlocked', login: OWNER.login, pendingConfirmation: false });
    pinned = ((await phone.local.get('keyhold.account'))['keyhold.account'] as { organisationFingerprint: string }).organisationFingerprint;
    owner = await unlockedMember(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword, pinned);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('finds an entry made elsewhere after a sync, copies its password and computes its TOTP code', async () => {
    const vault = await newVault(owner, { name: 'Personal' });
    const secret = newTotpSecret();
    const item = await newItem(owner, vault, {
      name: 'Acme Mail',
      login: 'owner@mail.acme.test',
      urls: [{ url: 'https://mail.acme.test/login', match: 'domain' }],
      fields: [
        { id: 'password', type: 'password', label: 'Password', value: 'mail password 1' },
        { id: 'otp', type: 'totp', label: 'One-time code', value: secret },
      ],
    });
    await newItem(owner, vault, { name: 'Elsewhere', urls: [{ url: 'https://other.example/', match: 'domain' }] });
    const worker = phone.start();
    await worker.syncNow();
    const found = await worker.search('acme', undefined, 20);
    expect(found.rows.map((row) => row.name)).toEqual(['Acme Mail']);
    const onSite = await worker.search('', 'https://www.mail.acme.test/inbox', 20);
    expect(onSite.rows[0]).toMatchObject({ id: item.id, currentSite: true, hasTotp: true });
    expect(await worker.reveal(item.id, 'password')).toEqual({ value: 'mail password 1' });
    expect(await worker.reveal(item.id, 'login')).toEqual({ value: 'owner@mail.acme.test' });
    const code = await worker.totp(item.id);
    expect(code.code).toBe(totpCode({ secret }, phone.clock.now));
  });

  it.skipIf(!available)('locks, refuses a wrong master password, and unlocks from this device’s copy', async () => {
    const worker = phone.start();
    expect((await worker.lock()).state).toBe('locked');
    expect(await failure(worker.search('', undefined, 10))).toBe('locked');
    expect(await failure(worker.unlock('not the master password'))).toBe('wrongMasterPassword');
    expect((await worker.unlock(OWNER.masterPassword)).state).toBe('unlocked');
    expect((await worker.search('acme mail', undefined, 10)).total).toBe(1);
  });

  it.skipIf(!available)('resumes in a restarted worker without asking, and locks once the idle time has passed', async () => {
    const resumed = phone.start();
    expect((await resumed.status()).state).toBe('unlocked');
    expect((await resumed.search('acme mail', undefined, 10)).total).toBe(1);
    phone.clock.now += 16 * 60_000;
    const afterIdle = phone.start();
    await afterIdle.checkIdle();
    expect((await afterIdle.status()).state).toBe('locked');
    expect(phone.session.items.get('keyhold.session')).toBeUndefined();
    expect((await afterIdle.unlock(OWNER.masterPassword)).state).toBe('unlocked');
  });

  it.skipIf(!available)('works offline while the server is down and syncs a change once it is back', async () => {
    const worker = phone.start();
    const [row] = (await worker.search('acme mail', undefined, 1)).rows;
    await server.halt();
    const offline = phone.start();
    await offline.lock();
    expect((await offline.unlock(OWNER.masterPassword)).state).toBe('unlocked');
    expect((await offline.syncNow()).offline).toBe(true);
    expect(await offline.reveal(row!.id, 'password')).toEqual({ value: 'mail password 1' });
    server = await startServer({ engine, home: server.home, args: ['--port', String(server.port)], ...(server.postgres ? { databaseUrl: server.postgres.url } : {}) });
    const served = await owner.api.call(getItemRoute, { params: { id: row!.id } });
    const vault = await ownVaultKey(owner, served.vaultId);
    const changed = await updateItem(served, vault, { name: 'Acme Mail (new)' });
    await owner.api.call(updateItemRoute, { params: { id: row!.id }, body: changed });
    const online = phone.start();
    await online.lock();
    await online.unlock(OWNER.masterPassword);
    await expect.poll(async () => (await online.search('acme mail', undefined, 5)).rows.map((entry) => entry.name)).toEqual(['Acme Mail (new)']);
    expect((await online.status()).offline).toBe(false);
  });

  it.skipIf(!available)('changes the master password: the new one unlocks, the old one no longer does', async () => {
    const worker = phone.start();
    expect(await failure(worker.changeMasterPassword('wrong current', 'New Master Password 2027'))).toBe('wrongMasterPassword');
    await worker.changeMasterPassword(OWNER.masterPassword, 'New Master Password 2027');
    await worker.lock();
    expect(await failure(worker.unlock(OWNER.masterPassword))).toBe('wrongMasterPassword');
    expect((await worker.unlock('New Master Password 2027')).state).toBe('unlocked');
    const elsewhere = device();
    const fresh = elsewhere.start();
    await fresh.setServer(server.url);
    await fresh.login({ login: OWNER.login, password: OWNER.loginPassword });
    expect(await failure(fresh.unlock(OWNER.masterPassword))).toBe('wrongMasterPassword');
    expect((await fresh.unlock('New Master Password 2027')).state).toBe('unlocked');
    expect((await fresh.search('acme mail', undefined, 5)).total).toBe(1);
    // Changed again here: the other device's cache still opens only with the password before.
    await worker.changeMasterPassword('New Master Password 2027', 'Third Master Password 2028');
    await fresh.lock();
    expect(await failure(fresh.unlock('Third Master Password 2028'))).toBe('signedOut');
    await fresh.login({ login: OWNER.login, password: OWNER.loginPassword });
    // The old password still opens this device's copy, until the server refuses its hash a moment later.
    expect((await fresh.unlock('New Master Password 2027')).state).toBe('unlocked');
    await expect.poll(async () => (await fresh.status()).state).toBe('locked');
    expect((await fresh.unlock('Third Master Password 2028')).state).toBe('unlocked');
    expect((await fresh.search('acme mail', undefined, 5)).total).toBe(1);
  });

  it.skipIf(!available)('ends the session when it is revoked from another device, keeping the account to sign in again', async () => {
    const worker = phone.start();
    owner = await unlockedMember(server, OWNER.login, OWNER.loginPassword, 'Third Master Password 2028', organisationFingerprint());
    const sessions = await owner.api.call(listSessionsRoute);
    for (const session of sessions.sessions.filter((candidate) => !candidate.current)) await owner.api.call(revokeSessionRoute, { params: { id: session.id } });
    expect(await failure(worker.syncNow())).toBe('signedOut');
    expect(await worker.status()).toMatchObject({ state: 'signedOut', login: OWNER.login });
    await worker.login({ login: OWNER.login, password: OWNER.loginPassword });
    expect((await worker.unlock('Third Master Password 2028')).state).toBe('unlocked');
    // This worker's background sync must not outlive it: the next test starts another on the same device.
    await worker.syncNow();
    await worker.lock();
  });

  it.skipIf(!available)('takes a damaged copy of the vault for what it is: unlocks online and downloads it again, not “wrong password”', async () => {
    await damageAChunk(phone.databaseName);
    const worker = phone.start();
    expect((await worker.unlock('Third Master Password 2028')).state).toBe('unlocked');
    expect((await worker.search('acme mail', undefined, 10)).total).toBe(1);
    await worker.syncNow();
    await worker.lock();
    expect((await phone.start().unlock('Third Master Password 2028')).state).toBe('unlocked');
  });

  it.skipIf(!available)('follows a KDF upgrade made on another device without asking again or dropping this device’s copy', async () => {
    const password = 'Third Master Password 2028';
    const worker = phone.start();
    await worker.syncNow();
    await worker.lock();
    const elsewhere = await unlockedMember(server, OWNER.login, OWNER.loginPassword, password, organisationFingerprint());
    const served = await elsewhere.api.call(userKeysRoute);
    const upgraded = newKdfParams(served.kdf.iterations + 50_000);
    const sealedKeys = { encryption: served.encryptionKey, signing: served.signingKey };
    const change = await prepareMasterPasswordChange({ userId: elsewhere.userId, currentMaster: await deriveMasterKey(password, served.kdf), sealedKeys, newPassword: password, kdf: upgraded });
    await elsewhere.api.call(changeMasterKeyRoute, { body: change.body });

    // This device's copy opens with the record it holds; the server's answer then moves it to the new one.
    expect((await worker.unlock(password)).state).toBe('unlocked');
    const storedKdf = () => (phone.local.items.get('keyhold.account') as { kdf: KdfParams }).kdf;
    await expect.poll(() => storedKdf().salt).toBe(upgraded.salt);
    expect(await worker.status()).toMatchObject({ state: 'unlocked', offline: false });
    expect((await worker.search('acme mail', undefined, 5)).total).toBe(1);
    await worker.syncNow();
    await worker.lock();
    const restarted = phone.start();
    expect((await restarted.unlock(password)).state).toBe('unlocked');
    expect((await restarted.syncNow()).state).toBe('unlocked');
  });

  it.skipIf(!available)('two devices raising the KDF at once: the one whose change lands second follows the server’s record and keeps its copy', async () => {
    const password = 'Third Master Password 2028';
    const laptop = device();
    // The laptop's change of master key waits until the phone's has landed, so it is sent with a hash the server no longer holds.
    let phoneChanged = () => {};
    const phoneChange = new Promise<void>((resolve) => (phoneChanged = resolve));
    const isKeyChange = (input: RequestInfo | URL, init?: RequestInit) => init?.method === 'PUT' && String(input).endsWith('/api/v1/users/me/master-key');
    const phoneFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (isKeyChange(input, init)) phoneChanged();
      return response;
    };
    const laptopFetch: typeof fetch = async (input, init) => {
      if (isKeyChange(input, init)) await phoneChange;
      return fetch(input, init);
    };
    const onLaptop = laptop.start({ fetch: laptopFetch });
    await onLaptop.setServer(server.url);
    await onLaptop.login({ login: OWNER.login, password: OWNER.loginPassword });
    expect((await onLaptop.unlock(password)).state).toBe('unlocked');
    await onLaptop.lock();
    const onPhone = phone.start({ fetch: phoneFetch });
    await onPhone.lock();
    const admin = await unlockedMember(server, OWNER.login, OWNER.loginPassword, password, organisationFingerprint());
    const target = (await admin.api.call(userKeysRoute)).kdf.iterations + 20_000;
    await admin.api.call(updateKdfTargetRoute, { body: { iterations: target } });

    const unlocked = await Promise.all([onPhone.unlock(password), onLaptop.unlock(password)]);
    expect(unlocked.map((reply) => reply.state)).toEqual(['unlocked', 'unlocked']);
    const storedKdf = (area: typeof phone.local) => (area.items.get('keyhold.account') as { kdf: KdfParams }).kdf;
    await expect.poll(() => [storedKdf(phone.local).iterations, storedKdf(laptop.local).iterations], { timeout: 15_000 }).toEqual([target, target]);
    expect(storedKdf(laptop.local).salt).toBe(storedKdf(phone.local).salt);
    for (const session of [onPhone, onLaptop]) {
      expect(await session.status()).toMatchObject({ state: 'unlocked', offline: false });
      expect((await session.search('acme mail', undefined, 5)).total).toBe(1);
    }
    const restarted = laptop.start();
    await restarted.lock();
    expect((await restarted.unlock(password)).state).toBe('unlocked');
  });

  it.skipIf(!available)('keeps the organisation key pinned across a sign-out: a different key at the next sign-in is refused', async () => {
    const worker = phone.start();
    await worker.signOut();
    await phone.local.set({ 'keyhold.pins': { [new URL(server.url).origin]: 'ab'.repeat(32) } });
    expect(await failure(worker.login({ login: OWNER.login, password: OWNER.loginPassword }))).toBe('PinMismatchError');
    await phone.local.set({ 'keyhold.pins': { [new URL(server.url).origin]: organisationFingerprint() } });
    await worker.login({ login: OWNER.login, password: OWNER.loginPassword });
    expect((await worker.unlock('Third Master Password 2028')).state).toBe('unlocked');
  });

  it.skipIf(!available)('signs out: the device forgets the account and its copy of the vault', async () => {
    const worker = phone.start();
    expect((await worker.signOut()).state).toBe('signedOut');
    expect(phone.local.items.get('keyhold.account')).toBeUndefined();
    expect(await failure(worker.unlock('Third Master Password 2028'))).toBe('signedOut');
  });
});

describe.each(ENGINES)('joining with an invitation link on $engine', ({ engine, available }) => {
  let server: RunningServer;

  beforeAll(async () => {
    if (available) server = await startServer({ engine });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('registers from the link, waits for confirmation, then syncs once certified', async () => {
    const organisation = await createTestOrganisation(server);
    const invitation = await organisation.invite();
    const laptop = device();
    const worker = laptop.start();
    const joined = await worker.join({ invitationLink: formatInvitationLink(server.url, invitation.id, invitation.fragment), login: 'newcomer@acme.test', loginPassword: 'newcomer login password', masterPassword: 'Newcomer Master 2026' });
    expect(joined).toMatchObject({ state: 'unlocked', serverUrl: server.url, pendingConfirmation: true });
    const account = laptop.local.items.get('keyhold.account') as { userId: string; organisationFingerprint: string };
    expect(account.organisationFingerprint).toBe(organisation.fingerprint);
    await organisation.certify(account.userId);
    expect((await worker.syncNow()).pendingConfirmation).toBe(false);
  });

  it.skipIf(!available)('refuses a link whose fragment was altered', async () => {
    const organisation = await createTestOrganisation(await ensureFreshServer());
    const invitation = await organisation.invite();
    const forged = invitation.fragment.replace(/org=[0-9a-f]{4}/, 'org=0000');
    expect(await failure(device().start().join({ invitationLink: formatInvitationLink(server.url, invitation.id, forged), login: 'mallory@acme.test', loginPassword: 'mallory login password', masterPassword: 'Mallory Master Password 2026' }))).toBe('PinMismatchError');
  });

  async function ensureFreshServer(): Promise<RunningServer> {
    await server.stop();
    server = await startServer({ engine });
    return server;
  }
});

describe.each(ENGINES)('vaults and sharing from the worker on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let bob: TestMember;
  let carol: TestMember;
  let worker: ReturnType<ReturnType<typeof device>['start']>;
  /** Each member's certificate as the server stores it. */
  let certificates = new Map<string, unknown>();
  const certificateOf = (member: TestMember) => certificates.get(member.userId);
  /** What the server "says" instead, for the URLs it matches; undefined leaves the answer alone. */
  let rewrite: (url: string, body: unknown) => unknown = () => undefined;

  const lyingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!response.ok || response.status === 204) return response;
    const changed = rewrite(url, await response.clone().json());
    return changed === undefined ? response : new Response(JSON.stringify(changed), { status: response.status, headers: { 'content-type': 'application/json' } });
  };

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    [bob, carol] = await Promise.all([organisation.addMember('bob@acme.test'), organisation.addMember('carol@acme.test')]);
    certificates = new Map((await organisation.owner.api.call(listMembersDirectoryRoute)).members.map((member) => [member.userId, member.certificate]));
    worker = device().start({ fetch: lyingFetch });
    await worker.setServer(server.url);
    await worker.login({ login: OWNER.login, password: OWNER.loginPassword });
    await worker.unlock(OWNER.masterPassword);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('creates a company vault, shares it at the fingerprint shown, and the member opens its key', async () => {
    rewrite = () => undefined;
    const { vaultId } = await worker.createVault('Team', 'company');
    expect((await worker.tree()).vaults).toMatchObject([{ id: vaultId, name: 'Team', kind: 'company', level: 'admin', hasKey: true }]);
    const directory = await worker.directory();
    expect(directory.members.map((member) => [member.login, member.role])).toEqual([
      ['bob@acme.test', 'member'],
      ['carol@acme.test', 'member'],
      ['owner@acme.test', 'administrator'],
    ]);
    const shown = directory.members.find((member) => member.userId === bob.userId)!.fingerprint;
    expect(shown).toBe(bob.certified.encryptionFingerprint);
    await worker.setAccess(vaultId, bob.userId, 'read', shown);
    // Bob's own client opens the wrap: addressed to him, signed by the owner's certified key.
    expect((await organisation.openVault(bob, vaultId)).version).toBe(1);
    expect(await worker.membersOf(vaultId)).toEqual([
      { userId: bob.userId, me: false, login: 'bob@acme.test', level: 'read', hasKey: true, fingerprint: shown, grantedBy: 'owner@acme.test' },
      { userId: organisation.owner.userId, me: true, login: 'owner@acme.test', level: 'admin', hasKey: true, fingerprint: organisation.owner.certified.encryptionFingerprint, grantedBy: 'owner@acme.test' },
    ]);
    // A level change for a member holding the key sends no new wrap.
    await worker.setAccess(vaultId, bob.userId, 'edit', null);
    expect((await worker.membersOf(vaultId))[0]).toMatchObject({ level: 'edit', hasKey: true });
  });

  it.skipIf(!available)('wraps to nobody but the key whose fingerprint was shown', async () => {
    rewrite = () => undefined;
    const { vaultId } = await worker.createVault('Only bob', 'private');
    expect(await failure(worker.setAccess(vaultId, carol.userId, 'read', bob.certified.encryptionFingerprint))).toBe('tampered');
    // The server hands out bob's genuine certificate as carol's: it names another user.
    rewrite = (url, body) => (url.endsWith(`/users/${carol.userId}/public-key`) ? { ...(body as object), certificate: certificateOf(bob) } : undefined);
    expect(await failure(worker.setAccess(vaultId, carol.userId, 'read', carol.certified.encryptionFingerprint))).toBe('CertificateError');
    rewrite = () => undefined;
    expect((await worker.membersOf(vaultId)).map((member) => member.login)).toEqual(['owner@acme.test']);
  });

  it.skipIf(!available)('leaves out of the directory a member whose certificate does not verify, and counts them', async () => {
    rewrite = (url, body) => {
      if (!url.endsWith('/api/v1/members')) return undefined;
      const { members } = body as { members: { userId: string; certificate: { body: { login: string } } }[] };
      // The server renames carol inside her certificate: the organisation's signature no longer covers it.
      return { members: members.map((member) => (member.userId === carol.userId ? { ...member, certificate: { ...member.certificate, body: { ...member.certificate.body, login: 'admin@acme.test' } } } : member)) };
    };
    const directory = await worker.directory();
    expect(directory.unverified).toBe(1);
    expect(directory.members.map((member) => member.login)).toEqual(['bob@acme.test', 'owner@acme.test']);
    rewrite = () => undefined;
  });

  it.skipIf(!available)('fulfils pending grants after a sync: a group gives carol a vault, the owner’s worker wraps its key to her certified key in the background', async () => {
    // The owner's worker leaves its pending grants alone until the page says otherwise below.
    rewrite = (url, body) => (url.includes('/api/v1/sync') ? { ...(body as object), pendingGrants: [] } : undefined);
    const { vaultId } = await worker.createVault('Through a group', 'private');
    const group = { id: (await worker.createGroup('Operators')).groupId };
    await worker.setGroupMember(group.id, carol.userId, true);
    await worker.grant({ vaultId, principalType: 'group', principalId: group.id, folderId: null, level: 'read' });
    // Access pending: carol may open the vault, and no key has reached her yet.
    expect(await carol.api.call(getVaultRoute, { params: { id: vaultId } })).toMatchObject({ vault: { level: 'read' }, wrap: null });
    expect((await worker.accessOf(vaultId, null)).people.find((person) => person.userId === carol.userId)).toMatchObject({ level: 'read', hasKey: false, source: { kind: 'groups', groups: [{ groupId: group.id, name: 'Operators', folderId: null }] } });

    rewrite = () => undefined;
    await worker.syncNow();
    // Carol's own client opens the wrap: addressed to her, signed by the owner's certified key.
    expect((await organisation.openVault(carol, vaultId)).version).toBe(1);
    expect((await worker.accessOf(vaultId, null)).people.find((person) => person.userId === carol.userId)).toMatchObject({ hasKey: true });

    // Out of the group: her wrap is deleted with her access.
    await worker.setGroupMember(group.id, carol.userId, false);
    await expectRefusal(carol.api.call(getVaultRoute, { params: { id: vaultId } }), { status: 404, code: 'notFound' });
  });

  it.skipIf(!available)('wraps a pending grant to no key the server swapped in, and does not try it again while unlocked', async () => {
    const { vaultId } = await worker.createVault('Swapped', 'private');
    // The server serves carol's genuine certificate as bob's: it names someone else.
    rewrite = (url, body) => {
      if (!url.includes('/api/v1/sync')) return undefined;
      const response = body as { certificates: { userId: string; certificate: unknown }[] };
      return { ...response, certificates: response.certificates.map((served) => (served.userId === bob.userId ? { ...served, certificate: certificateOf(carol) } : served)) };
    };
    await worker.grant({ vaultId, principalType: 'user', principalId: bob.userId, folderId: null, level: 'edit' });
    rewrite = () => undefined;
    await worker.syncNow();
    expect(await bob.api.call(getVaultRoute, { params: { id: vaultId } })).toMatchObject({ vault: { level: 'edit' }, wrap: null });
    expect((await worker.accessOf(vaultId, null)).people.find((person) => person.userId === bob.userId)).toMatchObject({ level: 'edit', hasKey: false });
  });

  it.skipIf(!available)('rotates a vault key after taking someone’s access away: members get the new key in the background, every entry is re-keyed, the old key opens none of it', async () => {
    rewrite = () => undefined;
    const edit = (name: string, password: string) => ({ name, login: 'ops', urls: [], fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: password }], tags: [], colour: null, description: '', favourite: false, folderId: null });
    const { vaultId } = await worker.createVault('Rotating', 'private');
    await worker.grant({ vaultId, principalType: 'user', principalId: bob.userId, folderId: null, level: 'read' });
    await worker.grant({ vaultId, principalType: 'user', principalId: carol.userId, folderId: null, level: 'read' });
    const alpha = (await worker.saveEntry(vaultId, undefined, undefined, edit('Alpha', 'alpha one'))).itemId;
    const beta = (await worker.saveEntry(vaultId, undefined, undefined, edit('Beta', 'beta one'))).itemId;
    await worker.binEntry(beta, 'trash');
    // What Carol's client holds before she goes: the key, version 1.
    const carolsKey = await organisation.openVault(carol, vaultId);
    expect(carolsKey.version).toBe(1);
    await worker.revoke({ vaultId, principalType: 'user', principalId: carol.userId, folderId: null });

    expect(await worker.rotateKey(vaultId)).toEqual({ keyVersion: 2, rekeyed: 2, left: 0 });
    // Bob holds version 2, handed on by the owner's worker after the rotation, unasked.
    const bobsKey = await organisation.openVault(bob, vaultId);
    expect(bobsKey.version).toBe(2);
    const rekeyed = await bob.api.call(getItemRoute, { params: { id: alpha } });
    expect([rekeyed.revision, rekeyed.entryKey.vaultKeyVersion]).toEqual([2, 2]);
    expect(await revealField(rekeyed, await openItem(rekeyed, bobsKey), 'password')).toBe('alpha one');
    const trashed = await bob.api.call(getItemRoute, { params: { id: beta } });
    expect([trashed.entryKey.vaultKeyVersion, typeof trashed.deletedAt]).toEqual([2, 'number']);
    // Carol's old key opens nothing re-keyed, even if the record claimed her version: the entry key is fresh.
    await expect(openItem({ ...rekeyed, entryKey: { ...rekeyed.entryKey, vaultKeyVersion: 1 } }, carolsKey)).rejects.toThrow();

    // The history still reads the revision sealed under the old key; an edit now is sealed under the new one.
    expect((await worker.history(alpha)).map((version) => [version.revision, version.changes])).toEqual([
      [2, []],
      [1, []],
    ]);
    await worker.saveEntry(vaultId, alpha, 2, edit('Alpha', 'alpha two'));
    const edited = await bob.api.call(getItemRoute, { params: { id: alpha } });
    expect([edited.revision, edited.entryKey.vaultKeyVersion, await revealField(edited, await openItem(edited, bobsKey), 'password')]).toEqual([3, 2, 'alpha two']);
  });

  it.skipIf(!available)('offers to update a changed password only where the member may edit: not for a shared entry they may only read', async () => {
    rewrite = () => undefined;
    const site = (name: string, folderId: string | null) => ({ name, login: 'team', urls: [{ url: 'https://wiki.test/login', match: 'domain' as const }], fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: `${name} password` }], tags: [], colour: null, description: '', favourite: false, folderId });
    const { vaultId } = await worker.createVault('Team logins', 'company');
    const { folderId } = await worker.createFolder(vaultId, null, 'Editable');
    const readOnly = (await worker.saveEntry(vaultId, undefined, undefined, site('Wiki', null))).itemId;
    const editable = (await worker.saveEntry(vaultId, undefined, undefined, { ...site('Tracker', folderId), urls: [{ url: 'https://tracker.test/login', match: 'domain' as const }] })).itemId;
    await worker.grant({ vaultId, principalType: 'user', principalId: carol.userId, folderId: null, level: 'read' });
    await worker.grant({ vaultId, principalType: 'user', principalId: carol.userId, folderId, level: 'edit' });
    await worker.syncNow();

    const carols = device().start();
    await carols.setServer(server.url);
    await carols.login({ login: carol.login, password: `${carol.login} login password` });
    await carols.unlock(`${carol.login} Master 2026`);
    const capture = (url: string, password: string) => ({ url, topUrl: url, login: 'team', password, newPassword: null, at: Date.now() });
    expect((await carols.autofillValues(readOnly, 'https://wiki.test/login', false)).password).toBe('Wiki password');
    expect(await carols.saveOffer(capture('https://wiki.test/login', 'a newer wiki password'))).toBeNull();
    expect(await carols.saveOffer(capture('https://tracker.test/login', 'a newer tracker password'))).toMatchObject({ kind: 'update', itemId: editable });
  });

  it.skipIf(!available)('finishes a rotation for a folder closed to whoever rotated: another administrator who reads it re-keys what was left', async () => {
    rewrite = () => undefined;
    const edit = (name: string, folderId: string | null) => ({ name, login: 'ops', urls: [], fields: [{ id: 'password', type: 'password' as const, label: 'Password', value: `${name} secret` }], tags: [], colour: null, description: '', favourite: false, folderId });
    const { vaultId } = await worker.createVault('Half closed', 'private');
    const { folderId } = await worker.createFolder(vaultId, null, 'Board only');
    await worker.saveEntry(vaultId, undefined, undefined, edit('Open', null));
    const closed = (await worker.saveEntry(vaultId, undefined, undefined, edit('Closed', folderId))).itemId;
    await worker.grant({ vaultId, principalType: 'user', principalId: bob.userId, folderId: null, level: 'admin' });
    await worker.syncNow();
    const bobs = device().start();
    await bobs.setServer(server.url);
    await bobs.login({ login: bob.login, password: `${bob.login} login password` });
    await bobs.unlock(`${bob.login} Master 2026`);
    // Nobody changes their own access: Bob closes the folder to the owner.
    await bobs.grant({ vaultId, principalType: 'user', principalId: organisation.owner.userId, folderId, level: 'forbidden' });
    await worker.syncNow();

    // The owner's device no longer holds the closed entry, so it re-keys only the open one.
    expect(await worker.rotateKey(vaultId)).toEqual({ keyVersion: 2, rekeyed: 1, left: 0 });
    expect(await worker.rekey(vaultId)).toEqual({ rekeyed: 0, left: 0 });

    await bobs.syncNow();
    expect(await bobs.rekey(vaultId)).toEqual({ rekeyed: 1, left: 0 });
    expect(await bobs.rekey(vaultId)).toEqual({ rekeyed: 0, left: 0 });
    await bobs.syncNow();
    expect((await bobs.read(closed)).name).toBe('Closed');
  });

  it.skipIf(!available)('turns on two-step sign-in from the worker: a new device then signs in only with a code; a code turns it off', async () => {
    // Each code is accepted once (a replay is refused), so the three steps use three time steps the
    // server still takes (±1): not started in the last seconds of one, so they stay inside the window.
    const period = 30_000;
    if (Date.now() % period > period - 3_000) await new Promise((resolve) => setTimeout(resolve, period - (Date.now() % period) + 100));
    const base = Date.now();
    expect(await worker.mfaStatus()).toEqual({ on: false });
    const { secret, uri } = await worker.mfaStart();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*owner%40acme\.test/);
    expect(uri).toContain(`secret=${secret}`);
    // What the page is told: the server's refusal as the protocol's code.
    const replyCode = async (promise: Promise<unknown>) => toReplyError(await promise.then(() => expect.fail('expected a failure'), (error: unknown) => error)).code;
    expect(await replyCode(worker.mfaConfirm(totpCode({ secret }, base + 5 * period)))).toBe('mfaInvalid');
    const { recoveryCodes } = await worker.mfaConfirm(totpCode({ secret }, base - period));
    expect(recoveryCodes.length).toBeGreaterThan(0);
    expect(await worker.mfaStatus()).toEqual({ on: true });
    expect(await replyCode(worker.mfaStart())).toBe('conflict');

    const laptop = device().start();
    await laptop.setServer(server.url);
    expect(await replyCode(laptop.login({ login: OWNER.login, password: OWNER.loginPassword }))).toBe('mfaRequired');
    expect((await laptop.login({ login: OWNER.login, password: OWNER.loginPassword, totp: totpCode({ secret }, base) })).state).toBe('locked');

    expect(await replyCode(worker.mfaDisable(totpCode({ secret }, base + 5 * period)))).toBe('mfaInvalid');
    expect(await worker.mfaDisable(totpCode({ secret }, base + period))).toEqual({ off: true });
    expect(await worker.mfaStatus()).toEqual({ on: false });
    const desktop = device().start();
    await desktop.setServer(server.url);
    expect((await desktop.login({ login: OWNER.login, password: OWNER.loginPassword })).state).toBe('locked');
  });
});

describe.each(ENGINES)('what the worker gives a fill on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let hostile: HostileServer;
  let acme: string;
  let bank: string;
  let mail: string;
  let sitesVaultId: string;

  // Everything the owner's other client makes comes first: the worker's first unlock raises the KDF
  // to the organisation's target, after which that client's master key hash is an old one.
  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    hostile = await hostileServer(server);
    const vault = await newVault(organisation.owner, { name: 'Sites' });
    const password = (value: string) => [{ id: 'password', type: 'password' as const, label: 'Password', value }];
    acme = (await newItem(organisation.owner, vault, { name: 'Acme', login: 'ana@acme.test', urls: [{ url: 'https://acme.test/login', match: 'domain' }], fields: password('acme password') })).id;
    bank = (await newItem(organisation.owner, vault, { name: 'Bank', login: 'ana', urls: [{ url: 'https://bank.test/', match: 'domain' }], fields: password('bank password') })).id;
    mail = (await newItem(organisation.owner, vault, { name: 'Mail', login: 'ana@mail.test', urls: [{ url: 'https://mail.test/', match: 'domain' }], fields: password('mail password') })).id;
    sitesVaultId = vault.vaultId;
  }, 120_000);

  afterAll(async () => {
    await hostile?.close();
    await server?.stop();
  });

  /** A new device of the owner, signed in and unlocked: its first sync brings everything as the server has it now. */
  async function freshWorker() {
    const worker = device().start();
    await worker.setServer(server.url);
    await worker.login({ login: OWNER.login, password: OWNER.loginPassword });
    await worker.unlock(OWNER.masterPassword);
    return worker;
  }

  it.skipIf(!available)('offers a login on the sites the user says share it, with its saved site shown, and fills it only when chosen', async () => {
    const worker = await freshWorker();
    expect(await worker.menuEntries('https://login.acme-corp.test/')).toEqual([]);
    // A public suffix in a group would make a whole country's sites share logins.
    expect(await failure(worker.updateSettings({ domainGroups: [['co.uk', 'acme.test']] }))).toBe('malformed');
    expect((await worker.updateSettings({ domainGroups: [['acme.test', 'acme-corp.test']] })).domainGroups).toEqual([['acme.test', 'acme-corp.test']]);
    expect(await worker.menuEntries('https://login.acme-corp.test/')).toEqual([{ itemId: acme, name: expect.any(String), login: 'ana@acme.test', equivalentSite: expect.stringMatching(/acme\.test$/) }]);
    // Never filled silently: not a shortcut's choice, and only a fill that allows equivalence gets it.
    expect(await worker.fillCandidates('https://login.acme-corp.test/')).toEqual([]);
    expect(await failure(worker.autofillValues(acme, 'https://login.acme-corp.test/', false))).toBe('notForThisSite');
    expect((await worker.autofillValues(acme, 'https://login.acme-corp.test/', false, { allowEquivalent: true })).password).toBe('acme password');
    await worker.updateSettings({ domainGroups: [] });
    expect(await worker.menuEntries('https://login.acme-corp.test/')).toEqual([]);
  });

  it.skipIf(!available)('gives the login and password for a page its URL matches, asks for an http page, and nothing for another site or the trash', async () => {
    const item = { id: acme };
    const worker = await freshWorker();
    // A shortcut's choice: the site's own entries; not on an http page, where there is no one to ask.
    expect(await worker.fillCandidates('https://sso.acme.test/signin')).toEqual([item.id]);
    expect(await worker.fillCandidates('http://acme.test/login')).toEqual([]);
    expect(await worker.autofillValues(item.id, 'https://sso.acme.test/signin', false)).toEqual({ origin: 'https://sso.acme.test', login: 'ana@acme.test', password: 'acme password', passwordFieldId: 'password', totp: null, totpFieldId: null });
    expect(await failure(worker.autofillValues(item.id, 'http://acme.test/login', false))).toBe('insecurePage');
    expect((await worker.autofillValues(item.id, 'http://acme.test/login', true)).password).toBe('acme password');
    expect(await failure(worker.autofillValues(item.id, 'https://acme.test.evil.test/login', false))).toBe('notForThisSite');
    await worker.binEntry(item.id, 'trash');
    expect(await failure(worker.autofillValues(item.id, 'https://acme.test/login', false))).toBe('notFound');
    expect(await worker.fillCandidates('https://acme.test/login')).toEqual([]);
  });

  it.skipIf(!available)('offers to save a new login and a changed password, nothing for an unchanged one or a site marked never', async () => {
    const worker = await freshWorker();
    const capture = (url: string, login: string | null, password: string | null, newPassword: string | null = null) => ({ url, topUrl: url, login, password, newPassword, at: Date.now() });
    expect(await worker.saveOffer(capture('https://mail.test/signin', 'ana@mail.test', 'mail password'))).toBeNull();
    expect(await worker.saveOffer(capture('https://mail.test/signin', 'ANA@mail.test', 'mail password 2'))).toEqual({ kind: 'update', site: 'mail.test', itemId: mail, name: 'Mail', login: 'ana@mail.test' });
    await worker.updateCaptured(capture('https://mail.test/signin', 'ana@mail.test', 'mail password 2'), mail);
    expect((await worker.autofillValues(mail, 'https://mail.test/', false)).password).toBe('mail password 2');
    // A change-password form without a login box: the entry whose password was the current one.
    expect(await worker.saveOffer(capture('https://mail.test/settings', null, 'mail password 2', 'mail password 3'))).toMatchObject({ kind: 'update', itemId: mail });
    expect(await worker.saveOffer(capture('https://shop.test/login', 'ana', 'shop password'))).toEqual({ kind: 'save', site: 'shop.test', login: 'ana' });
    const { itemId } = await worker.saveCaptured(capture('https://shop.test/login', 'ana', 'shop password'), { name: 'Shop', vaultId: sitesVaultId, folderId: null });
    expect(await worker.autofillValues(itemId, 'https://www.shop.test/', false)).toMatchObject({ login: 'ana', password: 'shop password' });
    await worker.neverSaveFor(capture('https://news.test/login', 'ana', 'x'));
    expect(await worker.saveOffer(capture('https://www.news.test/login', 'ana', 'x'))).toBeNull();
    // Typed into a payments widget's frame inside another site: the bank's login, not the widget's.
    expect(await worker.saveOffer({ ...capture('https://cdn.plaid.com/link', 'ana', 'bank'), topUrl: 'https://budget.test/' })).toBeNull();
  });

  it.skipIf(!available)('suggests passwords that obey the field’s rules, the site’s known rules and the organisation’s policy at once', async () => {
    const worker = await freshWorker();
    const { passwordPolicy } = await organisation.owner.api.call(getAppSettingsRoute);
    for (let round = 0; round < 20; round++) {
      // 163.com's known rules: 6 to 16 characters.
      const site = await worker.suggestPassword('https://mail.163.com/signup', null);
      expect(site.site).toBe('163.com');
      expect(site.password.length).toBeLessThanOrEqual(16);
      const field = await worker.suggestPassword('https://shop.test/join', 'minlength: 30; required: digit; allowed: lower;');
      expect(field.password).toMatch(/^[a-z0-9]{30,}$/);
      expect(field.password).toMatch(/\d/);
      expect(checkPassword(passwordPolicy.loginPassword, site.password)).toEqual([]);
    }
    // A page's rules that would make a guessable password are dropped: still 70 bits or more.
    const forced = await worker.suggestPassword('https://shop.test/join', 'allowed: [ab]; maxlength: 12;');
    expect(forced.password).not.toMatch(/^[ab]*$/);
    expect(forced.password.length).toBeGreaterThanOrEqual(12);
    // Digits only carry 3.3 bits each: the password grows to 22 of them, within the field's maximum.
    expect((await worker.suggestPassword('https://shop.test/join', 'allowed: digit; maxlength: 30;')).password).toMatch(/^\d{22}$/);
    // Only the entry the site has is named for a change-password form's current box.
    expect(await worker.currentEntryFor('https://www.bank.test/settings')).toEqual({ itemId: bank, name: 'Bank' });
    expect(await worker.currentEntryFor('https://nowhere.test/')).toBeNull();
  });

  it.skipIf(!available)('offers nothing from an entry whose URL the server rewrote: its metadata MAC fails', async () => {
    const item = { id: bank };
    await hostile.updateItemRow(item.id, { urls: JSON.stringify([{ url: 'https://bank.evil.test/', match: 'domain' }]) });
    const worker = await freshWorker();
    expect(await failure(worker.autofillValues(item.id, 'https://bank.evil.test/', false))).toBe('AuthenticationError');
    expect(await failure(worker.autofillValues(item.id, 'https://bank.test/', false))).toBe('AuthenticationError');
  });
});
