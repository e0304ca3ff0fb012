import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { setupRoute } from '../../lib/contract/setup';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { ROOT } from '../helpers/paths';
import { createScratchDatabase, testPostgresUrl, type ScratchDatabase } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server-process';
import { TEST_POLICY } from '../helpers/policy';
import { signInAndUnlock } from '../helpers/unlock';

const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 backup' };

/** Runs a server maintenance command on the given data directory, key file and database. */
function serverCommand(args: string[], where: { dataDir: string; keyFile: string; databaseUrl?: string | undefined }) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: where.databaseUrl ?? '' };
  delete env.KEYHOLD_SERVER_KEY;
  return spawnSync(process.execPath, ['dist/server.js', ...args, '--data', where.dataDir, '--key-file', where.keyFile], { cwd: ROOT, encoding: 'utf8', env });
}

/** Signs in and unlocks as the owner: proves accounts, sealed keys and the master-key-hash MAC all survived. */
async function ownerCanUnlock(server: RunningServer): Promise<string> {
  return (await signInAndUnlock(server, OWNER.login, OWNER.loginPassword, OWNER.masterPassword)).me.login;
}

/** `KEYHOLD_SERVER_KEY` for the (single) key in a key file. */
function keyFromFile(keyFile: string): string {
  const { current, keys } = JSON.parse(readFileSync(keyFile, 'utf8')) as { current: string; keys: Record<string, string> };
  return `${current}:${keys[current]}`;
}

const rowsOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1);
const scratchDir = () => mkdtempSync(join(tmpdir(), 'keyhold-backup-'));

describe('backup, restore and key rotation', () => {
  let original: RunningServer;
  let backupFile: string;
  let setupRequest: Awaited<ReturnType<typeof prepareOwnerSetup>>['request'];
  const scratches: ScratchDatabase[] = [];

  beforeAll(async () => {
    original = await startServer();
    ({ request: setupRequest } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: original.setupToken()!, organisationName: 'Acme', ...OWNER, iterations: 300_000 }));
    await createApiClient({ baseUrl: original.url }).call(setupRoute, { body: setupRequest });
    await ownerCanUnlock(original);
    await original.halt();
    backupFile = join(scratchDir(), 'keyhold.backup.jsonl');
    const result = serverCommand(['backup', backupFile], original);
    expect(result.stdout + result.stderr).toContain('Backup written');
  });
  afterAll(async () => {
    await original?.stop();
    for (const scratch of scratches) await scratch.drop();
  });

  it('names the server keys it needs and contains no key, secret or client ciphertext', () => {
    const text = readFileSync(backupFile, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as { keyIds: string[] };
    const keyFile = JSON.parse(readFileSync(original.keyFile, 'utf8')) as { keys: Record<string, string> };
    expect(header.keyIds).toEqual(Object.keys(keyFile.keys));
    for (const secret of [...Object.values(keyFile.keys), OWNER.masterPassword, OWNER.loginPassword, setupRequest.owner.encryptionKey.encryptedPkcs8, setupRequest.organisation.encryptedPrivateKey, setupRequest.owner.masterKeyHash]) {
      expect(text).not.toContain(secret);
    }
  });

  it('restores into an empty SQLite database, identically, and the owner can unlock there', async () => {
    // Laid out like startServer's home, so a server can run on the restored data afterwards.
    const home = scratchDir();
    const target = { dataDir: join(home, 'data'), keyFile: join(home, 'keys', 'server-key.json') };
    mkdirSync(join(home, 'keys'));
    copyFileSync(original.keyFile, target.keyFile);
    expect(serverCommand(['restore', backupFile], target).stdout).toMatch(/Restored \d+ rows/);
    const again = join(scratchDir(), 'again.jsonl');
    serverCommand(['backup', again], target);
    expect(rowsOf(again)).toEqual(rowsOf(backupFile));
    const server = await startServer({ home });
    try {
      expect(await ownerCanUnlock(server)).toBe(OWNER.login);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!testPostgresUrl())('restores a SQLite backup into PostgreSQL, and the owner can unlock there', async () => {
    const scratch = await createScratchDatabase(testPostgresUrl()!);
    scratches.push(scratch);
    const target = { dataDir: scratchDir(), keyFile: original.keyFile, databaseUrl: scratch.url };
    expect(serverCommand(['restore', backupFile], target).stdout).toMatch(/Restored \d+ rows/);
    const again = join(scratchDir(), 'again-pg.jsonl');
    serverCommand(['backup', again], target);
    expect(rowsOf(again)).toEqual(rowsOf(backupFile));
    const server = await startServer({ engine: 'postgres', databaseUrl: scratch.url, env: { KEYHOLD_SERVER_KEY: keyFromFile(original.keyFile) } });
    try {
      expect(await ownerCanUnlock(server)).toBe(OWNER.login);
    } finally {
      await server.stop();
    }
  });

  it('refuses to restore without the server key the backup names', () => {
    const target = { dataDir: join(scratchDir(), 'data'), keyFile: join(scratchDir(), 'other-key.json') };
    const result = serverCommand(['restore', backupFile], target);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/needs server key\(s\) k-[0-9a-f]+, which this server does not have/);
  });

  it('refuses to restore over existing data', () => {
    const result = serverCommand(['restore', backupFile], original);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the database is not empty');
  });

  it('rotate-key re-seals everything under a new key, and the server still opens it all', async () => {
    const result = serverCommand(['rotate-key'], original);
    const newKey = /New server key (k-[0-9a-f]+) is current; re-sealed (\d+) value/.exec(result.stdout);
    expect(newKey, result.stdout + result.stderr).not.toBeNull();
    expect(Number(newKey![2])).toBeGreaterThan(0);
    const after = join(scratchDir(), 'after-rotation.jsonl');
    serverCommand(['backup', after], original);
    const sealedKeyIds = new Set([...readFileSync(after, 'utf8').matchAll(/"s1\.(k-[0-9a-f]+)\./g)].map((match) => match[1]));
    expect([...sealedKeyIds]).toEqual([newKey![1]]);
    const restarted = await startServer({ home: original.home });
    try {
      expect(await ownerCanUnlock(restarted)).toBe(OWNER.login);
    } finally {
      await restarted.halt();
    }
  });
});
