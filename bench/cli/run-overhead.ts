import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organisationKeysRoute } from '../../lib/contract/invitations';
import { createMachineRoute } from '../../lib/contract/machines';
import { putVaultMemberRoute } from '../../lib/contract/vaults';
import { openAdministratorKeys } from '../../lib/vault/invitation-flow';
import { prepareMachine } from '../../lib/vault/machine-accounts';
import { wrapVaultKey } from '../../lib/vault/vault-keys';
import { createTestOrganisation, type TestOrganisation } from '../../tests/helpers/organisation';
import { ROOT } from '../../tests/helpers/paths';
import { startServer } from '../../tests/helpers/server-process';
import { newItem, newVault, shareWith } from '../../tests/helpers/vault-fixtures';

// `keyhold run -- true` with 20 secrets against a real server (SQLite), two ways: as a CI job with a
// machine account's access key (HKDF only: signs in, opens its keys, syncs once, verifies and
// decrypts the 20 items, starts the child), and as a person logged in with `keyhold login`, who
// also pays for deriving the master key (PBKDF2) on every run.

export const SECRETS = 20;
const LOGIN = 'bench@acme.test';
const SECRET_WORDS = { loginPassword: `${LOGIN} login password`, masterPassword: `${LOGIN} Master 2026` };

/** A machine account with read access to `vault`; returns its access key. */
async function benchMachine(organisation: TestOrganisation, vault: Awaited<ReturnType<typeof newVault>>): Promise<string> {
  const { owner } = organisation;
  const admin = await openAdministratorKeys(await owner.api.call(organisationKeysRoute), { userId: owner.userId, encryptionPrivateKey: owner.keys.encryption.privateKey }, owner.certified, organisation.fingerprint);
  const prepared = await prepareMachine(admin, { name: 'bench-ci', accessKeyName: 'bench', expiresAt: null });
  await owner.api.call(createMachineRoute, { body: prepared.body });
  const wrap = await wrapVaultKey(vault, await organisation.certifiedMember(prepared.body.id), owner.granter);
  await owner.api.call(putVaultMemberRoute, { params: { id: vault.vaultId, userId: prepared.body.id }, body: { level: 'read', wrap } });
  return prepared.accessKeyText;
}

/** A server whose company vault holds SECRETS items, read by a member logged in from a fresh config folder and by a machine. */
export async function prepareCliRun() {
  const server = await startServer({ engine: 'sqlite' });
  const organisation = await createTestOrganisation(server);
  const member = await organisation.addMember(LOGIN);
  const vault = await newVault(organisation.owner, { kind: 'company', name: 'Bench' });
  await shareWith({ organisation }, vault, organisation.owner, member, 'read');
  const names = Array.from({ length: SECRETS }, (_, index) => `Secret ${String(index + 1).padStart(2, '0')}`);
  await Promise.all(names.map((name, index) => newItem(organisation.owner, vault, { name, password: `bench-secret-${index}-${'x'.repeat(24)}` })));
  const accessKey = await benchMachine(organisation, vault);
  const config = mkdtempSync(join(tmpdir(), 'keyhold-bench-cli-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, KEYHOLD_CONFIG_DIR: config, KEYHOLD_MASTER_PASSWORD: SECRET_WORDS.masterPassword };
  const login = spawnSync(process.execPath, ['bin/keyhold.js', 'login', '--server', server.url, '--login', LOGIN], { cwd: ROOT, env: { ...env, KEYHOLD_LOGIN_PASSWORD: SECRET_WORDS.loginPassword }, encoding: 'utf8' });
  if (login.status !== 0) throw new Error(`keyhold login failed: ${login.stderr}`);
  const envFile = join(config, 'bench.env');
  writeFileSync(envFile, names.map((name, index) => `SECRET_${index + 1}="keyhold://Bench/${name}/password"`).join('\n'));
  return {
    args: ['bin/keyhold.js', 'run', '--env-file', envFile, '--', 'true'],
    env,
    machineEnv: { PATH: process.env.PATH, HOME: process.env.HOME, KEYHOLD_SERVER: server.url, KEYHOLD_ACCESS_KEY: accessKey },
    async stop() {
      await server.stop();
      rmSync(config, { recursive: true, force: true });
    },
  };
}
