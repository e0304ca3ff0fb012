import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { deleteUserRoute, listUsersRoute, suspendUserRoute } from '../../lib/contract/admin-users';
import { listAuditEventsRoute } from '../../lib/contract/audit-log';
import { setUserRoleRoute } from '../../lib/contract/roles';
import { organisationKeysRoute } from '../../lib/contract/invitations';
import { getItemRoute, getSnapshotRoute, updateItemRoute } from '../../lib/contract/items';
import { createAccessKeyRoute, createMachineRoute, listMachinesRoute, machineKeysRoute, machineSignInRoute, revokeAccessKeyRoute } from '../../lib/contract/machines';
import { loginRoute, refreshRoute, revokeSessionRoute } from '../../lib/contract/sessions';
import { syncRoute } from '../../lib/contract/sync';
import { masterKeyOptionsRoute, meRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { getVaultRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute } from '../../lib/contract/vaults';
import { accessKeyFromParts, parseAccessKey } from '../../lib/crypto/access-keys';
import { fromBase64Url, randomBytes } from '../../lib/crypto/bytes';
import { verifyCertificate } from '../../lib/crypto/certificates';
import { AccessKeyFormatError, CertificateError, PinMismatchError } from '../../lib/crypto/errors';
import { createOrganisationKey } from '../../lib/crypto/organisation';
import { openAdministratorKeys, type AdministratorKeys } from '../../lib/vault/invitation-flow';
import { prepareAccessKey, prepareMachine } from '../../lib/vault/machine-accounts';
import { openMachineSession, type MachineSession } from '../../lib/vault/machine-session';
import { updateItem } from '../../lib/vault/item';
import { openVaultKey, wrapVaultKey, type HeldVaultKey } from '../../lib/vault/vault-keys';
import { errorOf } from '../helpers/api-error';
import { createTestOrganisation, type TestOrganisation } from '../helpers/organisation';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { newItem, newVault, passwordOf, withPassword } from '../helpers/vault-fixtures';

// Machine accounts over HTTP (issue #12 item 1): an administrator's client makes the machine and its
// access keys; the machine signs in with lib/vault/machine-session.ts and reads what it was granted.

describe.each(ENGINES)('machine accounts on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let organisation: TestOrganisation;
  let admin: AdministratorKeys;
  let readable: HeldVaultKey;
  let hidden: HeldVaultKey;
  let item: Awaited<ReturnType<typeof newItem>>;
  let hiddenItem: Awaited<ReturnType<typeof newItem>>;
  let machineId: string;
  let accessKeyText: string;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    organisation = await createTestOrganisation(server);
    const { owner } = organisation;
    admin = await openAdministratorKeys(await owner.api.call(organisationKeysRoute), { userId: owner.userId, encryptionPrivateKey: owner.keys.encryption.privateKey }, owner.certified, organisation.fingerprint);
    readable = await newVault(owner, { kind: 'company', name: 'CI secrets' });
    hidden = await newVault(owner, { kind: 'company', name: 'Payroll' });
    item = await newItem(owner, readable, { name: 'Deploy token', password: 'deploy-s3cret' });
    hiddenItem = await newItem(owner, hidden, { name: 'Bank', password: 'not for machines' });
    const prepared = await prepareMachine(admin, { name: 'ci-deploy', accessKeyName: 'GitHub Actions', expiresAt: null });
    await owner.api.call(createMachineRoute, { body: prepared.body });
    machineId = prepared.body.id;
    accessKeyText = prepared.accessKeyText;
    // Granted like a member: the vault key wrapped to the machine's certified key, read only.
    const wrap = await wrapVaultKey(readable, await organisation.certifiedMember(machineId), owner.granter);
    await owner.api.call(putVaultMemberRoute, { params: { id: readable.vaultId, userId: machineId }, body: { level: 'read', wrap } });
  }, 120_000);
  afterAll(() => server?.stop());

  async function openAsMachine(session: MachineSession, vaultId: string) {
    const served = await session.api.call(getVaultRoute, { params: { id: vaultId } });
    const granter = await verifyCertificate(served.granter!.certificate, session.keys.organisationKey, { organisationId: admin.organisationId, userId: served.wrap!.granterId });
    return openVaultKey({ vaultId, keyVersion: served.vault.keyVersion, wrap: served.wrap!, me: session.userId, privateKey: session.keys.userKeys.encryption.privateKey, granter });
  }

  async function addKey(name: string, expiresAt: number | null) {
    const served = await organisation.owner.api.call(machineKeysRoute, { params: { id: machineId } });
    const prepared = await prepareAccessKey(admin, machineId, served, { name, expiresAt });
    await organisation.owner.api.call(createAccessKeyRoute, { params: { id: machineId }, body: prepared.body });
    return prepared;
  }

  it.skipIf(!available)('signs in with its access key, opens its keys and decrypts an entry of the vault it may read', async () => {
    const session = await openMachineSession(server.url, accessKeyText);
    expect(session.userId).toBe(machineId);
    const vaultKey = await openAsMachine(session, readable.vaultId);
    const served = await session.api.call(getItemRoute, { params: { id: item.id } });
    expect(await passwordOf(served, vaultKey)).toBe('deploy-s3cret');
  });

  it.skipIf(!available)('does not see a vault it was not granted, nor its entries', async () => {
    const session = await openMachineSession(server.url, accessKeyText);
    const { vaults } = await session.api.call(listVaultsRoute);
    expect(vaults.map((vault) => vault.id)).toEqual([readable.vaultId]);
    expect((await errorOf(session.api.call(getVaultRoute, { params: { id: hidden.vaultId } }))).status).toBe(404);
    expect((await errorOf(session.api.call(getItemRoute, { params: { id: hiddenItem.id } }))).status).toBe(404);
  });

  it.skipIf(!available)('is read only by default: it cannot write to the vault it reads', async () => {
    const session = await openMachineSession(server.url, accessKeyText);
    const wrap = await wrapVaultKey(readable, await organisation.certifiedMember(organisation.owner.userId), { userId: machineId, signingKey: session.keys.userKeys.signing.privateKey });
    expect((await errorOf(session.api.call(putVaultMemberRoute, { params: { id: readable.vaultId, userId: organisation.owner.userId }, body: { level: 'full', wrap } }))).status).toBe(403);
  });

  it.skipIf(!available)('records one machine.read per entry it is sent, by sync and by GET item', async () => {
    const session = await openMachineSession(server.url, accessKeyText);
    const before = (await recordedEvents(server, 'machine.read', machineId)).length;
    const synced = await session.api.call(syncRoute, { query: {} });
    expect(synced.items.map((entry) => entry.id)).toEqual([item.id]);
    await session.api.call(getItemRoute, { params: { id: item.id } });
    const reads = (await recordedEvents(server, 'machine.read', machineId)).slice(before);
    expect(reads.map((event) => [event.actor.type, event.target, event.vaultId, event.details.via])).toEqual([
      ['machine', { type: 'item', id: item.id }, readable.vaultId, 'sync'],
      ['machine', { type: 'item', id: item.id }, readable.vaultId, 'item'],
    ]);
    // The audit log names the machine, and finds its reads by its name.
    const { events } = await organisation.owner.api.call(listAuditEventsRoute, { query: { actor: 'ci-deploy', type: 'machine.read', limit: 10 } });
    expect(events.slice(0, 2).map((event) => [event.actor.login, event.target?.id])).toEqual([
      ['ci-deploy', item.id],
      ['ci-deploy', item.id],
    ]);
  });

  it.skipIf(!available)('refuses a sign-in answer a hostile server altered: another organisation key, or another member’s certificate', async () => {
    const otherOrganisation = await createOrganisationKey('org-other');
    const owner = await organisation.owner.api.call(meRoute);
    const altering = (change: (body: Record<string, unknown>) => void): typeof fetch => async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/v1/machine-sessions') || response.status !== 201) return response;
      const body = (await response.json()) as Record<string, unknown>;
      change(body);
      return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
    };
    await expect(openMachineSession(server.url, accessKeyText, { fetch: altering((body) => (body.organisationKey = otherOrganisation.key.record)) })).rejects.toThrow(PinMismatchError);
    await expect(openMachineSession(server.url, accessKeyText, { fetch: altering((body) => (body.certificate = owner.certificate)) })).rejects.toThrow(CertificateError);
  });

  it.skipIf(!available)('records a kept revision a machine opens as machine.read, not as a person’s snapshot view', async () => {
    const { owner } = organisation;
    const kept = await newItem(owner, readable, { name: 'Rotated', password: 'old password' });
    await owner.api.call(updateItemRoute, { params: { id: kept.id }, body: await updateItem(kept, readable, withPassword('new password')) });
    const session = await openMachineSession(server.url, accessKeyText);
    const opened = await session.api.call(getSnapshotRoute, { params: { id: kept.id, revision: 1 } });
    expect(await passwordOf(opened.item, await openAsMachine(session, readable.vaultId))).toBe('old password');
    const reads = (await recordedEvents(server, 'machine.read', machineId)).filter((event) => event.target?.id === kept.id);
    expect(reads.map((event) => event.details)).toEqual([{ via: 'snapshot', revision: 1 }]);
    expect(await recordedEvents(server, 'item.snapshotViewed', machineId)).toEqual([]);
  });

  it.skipIf(!available)('ends a session at its next refresh once its key has expired', async () => {
    const shortLived = await addKey('short-lived', Date.now() + 1500);
    const session = await openMachineSession(server.url, shortLived.text);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const error = await errorOf(createApiClient({ baseUrl: server.url }).call(refreshRoute, { body: { refreshToken: session.tokens().refreshToken } }));
    expect(error.code).toBe('unauthenticated');
    expect((await errorOf(openMachineSession(server.url, shortLived.text))).code).toBe('accessKeyExpired');
  });

  it.skipIf(!available)('refuses a wrong secret or an unknown key with only "invalid access key"', async () => {
    const { id } = await parseAccessKey(accessKeyText);
    const wrongSecret = await accessKeyFromParts(fromBase64Url(id), randomBytes(32));
    const unknown = await accessKeyFromParts(randomBytes(16), randomBytes(32));
    for (const text of [wrongSecret.text, unknown.text]) {
      const error = await errorOf(openMachineSession(server.url, text));
      expect([error.status, error.code, error.message]).toEqual([401, 'invalidAccessKey', 'Invalid access key.']);
    }
    await expect(openMachineSession(server.url, 'khak1.not-a-key')).rejects.toThrow(AccessKeyFormatError);
  });

  it.skipIf(!available)('refuses an expired key with accessKeyExpired, and a revoked one with accessKeyRevoked, ending its sessions', async () => {
    const expired = await addKey('expired', Date.now() - 1000);
    expect((await errorOf(openMachineSession(server.url, expired.text))).code).toBe('accessKeyExpired');
    const second = await addKey('second', Date.now() + 3_600_000);
    const session = await openMachineSession(server.url, second.text);
    await session.api.call(listVaultsRoute);
    await organisation.owner.api.call(revokeAccessKeyRoute, { params: { id: machineId, keyId: second.body.id } });
    expect((await errorOf(openMachineSession(server.url, second.text))).code).toBe('accessKeyRevoked');
    expect((await errorOf(session.api.call(listVaultsRoute))).status).toBe(401);
    // The first key still works: each key is its own.
    await openMachineSession(server.url, accessKeyText);
    const { machines } = await organisation.owner.api.call(listMachinesRoute);
    const keys = machines.find((machine) => machine.id === machineId)!.accessKeys.filter((key) => ['GitHub Actions', 'expired', 'second'].includes(key.name));
    expect(keys.map((key) => [key.name, key.revokedAt !== null, key.lastUsedAt !== null])).toEqual([
      ['GitHub Actions', false, true],
      ['expired', false, false],
      ['second', true, true],
    ]);
  });

  it.skipIf(!available)('is refused wherever a person is assumed: password login, master key options, account routes, user administration', async () => {
    const anonymous = createApiClient({ baseUrl: server.url });
    expect((await errorOf(anonymous.call(loginRoute, { body: { login: 'ci-deploy', password: 'any password at all' } }))).code).toBe('invalidCredentials');
    expect((await anonymous.call(masterKeyOptionsRoute, { query: { login: 'ci-deploy' } })).kdf.algorithm).toBe('pbkdf2-sha256');
    const session = await openMachineSession(server.url, accessKeyText);
    expect((await errorOf(session.api.call(meRoute))).code).toBe('forbidden');
    expect((await errorOf(session.api.call(listMachinesRoute))).code).toBe('forbidden');
    const { users } = await organisation.owner.api.call(listUsersRoute);
    expect(users.map((user) => user.id)).not.toContain(machineId);
    expect((await errorOf(organisation.owner.api.call(setUserRoleRoute, { params: { id: machineId }, body: { roleId: 'manager' } }))).status).toBe(404);
    expect((await errorOf(organisation.owner.api.call(suspendUserRoute, { params: { id: machineId } }))).status).toBe(404);
    // What it may do besides the vault routes: read certificates, and sign itself out.
    expect((await session.api.call(userPublicKeyRoute, { params: { id: organisation.owner.userId } })).certificate).not.toBeNull();
    await session.api.call(revokeSessionRoute, { params: { id: 'current' } });
    expect((await errorOf(session.api.call(listVaultsRoute))).status).toBe(401);
  });

  it.skipIf(!available)('is deleted with its access keys and its rights, like an account', async () => {
    const { owner } = organisation;
    const doomed = await prepareMachine(admin, { name: 'doomed', accessKeyName: 'k', expiresAt: null });
    await owner.api.call(createMachineRoute, { body: doomed.body });
    const wrap = await wrapVaultKey(readable, await organisation.certifiedMember(doomed.body.id), owner.granter);
    await owner.api.call(putVaultMemberRoute, { params: { id: readable.vaultId, userId: doomed.body.id }, body: { level: 'read', wrap } });
    const session = await openMachineSession(server.url, doomed.accessKeyText);
    await owner.api.call(deleteUserRoute, { params: { id: doomed.body.id } });
    expect((await errorOf(openMachineSession(server.url, doomed.accessKeyText))).code).toBe('invalidAccessKey');
    expect((await errorOf(session.api.call(listVaultsRoute))).status).toBe(401);
    expect((await owner.api.call(listMachinesRoute)).machines.map((machine) => machine.name)).not.toContain('doomed');
    expect((await owner.api.call(listVaultMembersRoute, { params: { id: readable.vaultId } })).members.map((member) => member.userId)).not.toContain(doomed.body.id);
  });

  it.skipIf(!available)('may be created only by holders of manageUsers, with a certificate for the keys it sends', async () => {
    const member = await organisation.addMember('plain@acme.test');
    const prepared = await prepareMachine(admin, { name: 'not-allowed', accessKeyName: 'k', expiresAt: null });
    expect((await errorOf(member.api.call(createMachineRoute, { body: prepared.body }))).code).toBe('forbidden');
    const other = await prepareMachine(admin, { name: 'swapped', accessKeyName: 'k', expiresAt: null });
    const swapped = { ...prepared.body, accessKey: other.body.accessKey };
    expect((await errorOf(organisation.owner.api.call(createMachineRoute, { body: swapped }))).code).toBe('invalidKeys');
    expect((await errorOf(organisation.owner.api.call(machineSignInRoute, { body: { accessKeyId: other.body.accessKey.id, token: 'x'.repeat(43) } }))).code).toBe('invalidAccessKey');
  });
});
