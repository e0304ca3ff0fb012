import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { startServer } from '../helpers/server-process';

const serverCli = (...args: string[]) => spawnSync(process.execPath, ['dist/server.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

describe('first run', () => {
  it('creates the server key outside the data directory and tells the operator to back it up', async () => {
    const server = await startServer();
    try {
      expect(existsSync(server.keyFile)).toBe(true);
      expect(server.keyFile.startsWith(server.dataDir)).toBe(false);
      expect(server.output()).toMatch(/"msg":"created a new server key: back it up now, separately from the data/);
      expect(server.output()).toContain('"migrations":["0001-foundation","0002-accounts","0003-invitations","0004-mfa","0005-spent-refresh-tokens","0006-vaults","0007-change-indexes","0008-groups","0009-roles","0010-recovery","0011-entry-shares","0012-audit-chain","0013-machines","0014-share-links","0015-attachments"]');
    } finally {
      await server.stop();
    }
  });

  it('takes the key from KEYHOLD_SERVER_KEY without writing a file', async () => {
    const server = await startServer({ env: { KEYHOLD_SERVER_KEY: `env-1:${Buffer.alloc(32, 9).toString('base64url')}` } });
    try {
      expect(existsSync(server.keyFile)).toBe(false);
      expect(server.output()).not.toContain('created a new server key');
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a key file inside the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-first-run-'));
    const result = serverCli('serve', '--port', '0', '--data', join(dir, 'data'), '--key-file', join(dir, 'data', 'key.json'));
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('must not be inside the data directory');
  });

  it('`migrate` applies the schema once, then reports it up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-migrate-'));
    const first = serverCli('migrate', '--data', dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Applied 15 migration(s): 0001-foundation, 0002-accounts, 0003-invitations, 0004-mfa, 0005-spent-refresh-tokens, 0006-vaults, 0007-change-indexes, 0008-groups, 0009-roles, 0010-recovery, 0011-entry-shares, 0012-audit-chain, 0013-machines, 0014-share-links, 0015-attachments');
    expect(serverCli('migrate', '--data', dir).stdout).toContain('The database is up to date.');
  });
});
