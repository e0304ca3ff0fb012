import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase } from '../db/database';
import { createSealer } from '../sealing/sealer';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function appOnFreshSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-health-'));
  dirs.push(dir);
  const database = openDatabase({ dataDir: dir });
  const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 1)]]), source: 'test' });
  return { app: createApp({ database, logger: pino({ level: 'silent' }), sealer }), database };
}

describe('GET /healthz', () => {
  it('is 200 while the database answers', async () => {
    const { app, database } = appOnFreshSqlite();
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    await database.close();
  });
});
