import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationKeysRoute } from '../../lib/contract/invitations';
import { createAccessKeyRoute, machineKeysRoute, revokeAccessKeyRoute, createMachineRoute } from '../../lib/contract/machines';
import { putVaultMemberRoute } from '../../lib/contract/vaults';
import { accessKeyFromParts, parseAccessKey } from '../../lib/crypto/access-keys';
import { fromBase64Url, randomBytes } from '../../lib/crypto/bytes';
import { openAdministratorKeys, type AdministratorKeys } from '../../lib/vault/invitation-flow';
import { prepareAccessKey, prepareMachine } from '../../lib/vault/machine-accounts';
import { wrapVaultKey } from '../../lib/vault/vault-keys';
import { EXIT } from '../../cli/exit-codes';
import { MASK } from '../../cli/run/secret-masker';
import { createCliWorld, type CliWorld } from '../helpers/cli-world';
import { keyhold } from '../helpers/keyhold-cli';
import { recordedEvents } from '../helpers/recorded-events';
import { ENGINES } from '../helpers/test-database';

// The bundled `keyhold` as a CI job runs it: a machine account's access key in KEYHOLD_ACCESS_KEY,
// no login, no config folder. The machine may read the company vault Engineering only.

const BUILD = 'keyhold://Engineering/Servers/Build/Build server/password';

describe.each(ENGINES)('keyhold CLI with a machine access key on $engine', ({ engine, available }) => {
  let world: CliWorld;
  let admin: AdministratorKeys;
  let machineId: string;
  let env: Record<string, string>;

  async function addKey(name: string, expiresAt: number | null) {
    const served = await world.owner.api.call(machineKeysRoute, { params: { id: machineId } });
    const prepared = await prepareAccessKey(admin, machineId, served, { name, expiresAt });
    await world.owner.api.call(createAccessKeyRoute, { params: { id: machineId }, body: prepared.body });
    return prepared;
  }

  beforeAll(async () => {
    if (!available) return;
    world = await createCliWorld(engine);
    const { owner, organisation } = world;
    admin = await openAdministratorKeys(await owner.api.call(organisationKeysRoute), { userId: owner.userId, encryptionPrivateKey: owner.keys.encryption.privateKey }, owner.certified, organisation.fingerprint);
    const prepared = await prepareMachine(admin, { name: 'ci-build', accessKeyName: 'pipeline', expiresAt: null });
    await owner.api.call(createMachineRoute, { body: prepared.body });
    machineId = prepared.body.id;
    const wrap = await wrapVaultKey(world.engineering, await organisation.certifiedMember(machineId), owner.granter);
    await owner.api.call(putVaultMemberRoute, { params: { id: world.engineering.vaultId, userId: machineId }, body: { level: 'read', wrap } });
    // A clean HOME: nothing of a person's login can stand in for the key.
    env = { KEYHOLD_SERVER: world.server.url, KEYHOLD_ACCESS_KEY: prepared.accessKeyText, KEYHOLD_CONFIG_DIR: '/nonexistent/keyhold' };
  }, 120_000);
  afterAll(() => world?.server.stop());

  it.skipIf(!available)('get prints the secret it may read, and the audit log records the machine’s reads', async () => {
    const before = (await recordedEvents(world.server, 'machine.read', machineId)).length;
    const result = await keyhold(['get', BUILD], { env });
    expect(result).toMatchObject({ code: 0, stdout: 'build-server-pw-1\n', stderr: '' });
    const reads = (await recordedEvents(world.server, 'machine.read', machineId)).slice(before);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((event) => event.actor.type === 'machine' && event.vaultId === world.engineering.vaultId)).toBe(true);
    expect(reads.map((event) => event.target?.id)).toContain(world.buildServer.id);
  });

  it.skipIf(!available)('run injects the referenced value and masks it; the key itself never reaches the child', async () => {
    const script = `console.log('pw=' + process.env.DB); console.log('key=' + (process.env.KEYHOLD_ACCESS_KEY ?? 'unset'))`;
    const result = await keyhold(['run', '--', process.execPath, '-e', script], { env: { ...env, DB: BUILD } });
    expect(result).toMatchObject({ code: 0, stdout: `pw=${MASK.toString()}\nkey=unset\n` });
  });

  it.skipIf(!available)('a vault it was not granted fails with "no access" (exit 6)', async () => {
    const result = await keyhold(['get', 'keyhold://Owner only/Owner secret/password'], { env });
    expect(result.code).toBe(EXIT.noAccess);
    expect(result.stdout).toBe('');
  });

  it.skipIf(!available)('a wrong key secret says only "invalid access key" (exit 8); so does a malformed key', async () => {
    const { id } = await parseAccessKey(env.KEYHOLD_ACCESS_KEY!);
    const wrong = await accessKeyFromParts(fromBase64Url(id), randomBytes(32));
    for (const key of [wrong.text, 'khak1.garbage']) {
      const result = await keyhold(['get', BUILD], { env: { ...env, KEYHOLD_ACCESS_KEY: key } });
      expect(result.code).toBe(EXIT.wrongCredentials);
      expect(result.stderr).toMatch(/invalid access key/i);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it.skipIf(!available)('a revoked or an expired key fails with exit 7', async () => {
    const expired = await addKey('old', Date.now() - 1000);
    expect((await keyhold(['get', BUILD], { env: { ...env, KEYHOLD_ACCESS_KEY: expired.text } })).code).toBe(EXIT.keyRevokedOrExpired);
    const revoked = await addKey('leaked', null);
    expect((await keyhold(['get', BUILD], { env: { ...env, KEYHOLD_ACCESS_KEY: revoked.text } })).code).toBe(0);
    await world.owner.api.call(revokeAccessKeyRoute, { params: { id: machineId, keyId: revoked.body.id } });
    expect((await keyhold(['get', BUILD], { env: { ...env, KEYHOLD_ACCESS_KEY: revoked.text } })).code).toBe(EXIT.keyRevokedOrExpired);
  });

  it.skipIf(!available)('an access key without KEYHOLD_SERVER is a usage error (exit 2)', async () => {
    const { KEYHOLD_SERVER: _server, ...withoutServer } = env;
    const result = await keyhold(['get', BUILD], { env: withoutServer });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain('KEYHOLD_SERVER');
  });
});
