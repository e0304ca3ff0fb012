import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrganisation } from '../../tests/helpers/organisation';
import { ROOT } from '../../tests/helpers/paths';
import { startServer } from '../../tests/helpers/server-process';
import { newItem, newVault } from '../../tests/helpers/vault-fixtures';

// `keyhold run -- true` with 20 secrets against a real server (SQLite), as a person logged in with
// `keyhold login`: each run derives the master key, opens the private keys, syncs once, verifies
// and decrypts the 20 items and starts the child.

export const SECRETS = 20;
const LOGIN = 'bench@acme.test';
const SECRET_WORDS = { loginPassword: `${LOGIN} login password`, masterPassword: `${LOGIN} Master 2026` };

/** A server with one member whose vault holds SECRETS items, logged in from a fresh config folder. */
export async function prepareCliRun() {
  const server = await startServer({ engine: 'sqlite' });
  const organisation = await createTestOrganisation(server);
  const member = await organisation.addMember(LOGIN);
  const vault = await newVault(member, { name: 'Bench' });
  const names = Array.from({ length: SECRETS }, (_, index) => `Secret ${String(index + 1).padStart(2, '0')}`);
  await Promise.all(names.map((name, index) => newItem(member, vault, { name, password: `bench-secret-${index}-${'x'.repeat(24)}` })));
  const config = mkdtempSync(join(tmpdir(), 'keyhold-bench-cli-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, KEYHOLD_CONFIG_DIR: config, KEYHOLD_MASTER_PASSWORD: SECRET_WORDS.masterPassword };
  const login = spawnSync(process.execPath, ['bin/keyhold.js', 'login', '--server', server.url, '--login', LOGIN], { cwd: ROOT, env: { ...env, KEYHOLD_LOGIN_PASSWORD: SECRET_WORDS.loginPassword }, encoding: 'utf8' });
  if (login.status !== 0) throw new Error(`keyhold login failed: ${login.stderr}`);
  const envFile = join(config, 'bench.env');
  writeFileSync(envFile, names.map((name, index) => `SECRET_${index + 1}="keyhold://Bench/${name}/password"`).join('\n'));
  return {
    args: ['bin/keyhold.js', 'run', '--env-file', envFile, '--', 'true'],
    env,
    async stop() {
      await server.stop();
      rmSync(config, { recursive: true, force: true });
    },
  };
}
