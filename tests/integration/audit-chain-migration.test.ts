import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../server/audit/chain';
import { openDatabase } from '../../server/db/database';
import { migrations } from '../../server/db/migrations/index';
import { createScratchDatabase, testPostgresUrl } from '../helpers/postgres';
import { ENGINES } from '../helpers/test-database';

// Migration 0012 links the events recorded before the audit chain existed, on both engines: the
// rows keep their order and content, PostgreSQL's gaps in seq close, and each row carries its link.

describe.each(ENGINES)('migration 0012 on $engine', ({ engine, available }) => {
  it.skipIf(!available)('numbers earlier events 1, 2, 3… in their order and links each to the one before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-chain-migration-'));
    const scratch = engine === 'postgres' ? await createScratchDatabase(testPostgresUrl()!) : undefined;
    const database = openDatabase({ dataDir, databaseUrl: scratch?.url });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(database.engine) } });
      expect((await migrator.migrateTo('0011-entry-shares')).error).toBeUndefined();
      const event = (seq: number, type: string) => ({ seq, occurred_at: 1_700_000_000_000 + seq, type, actor_type: 'user', actor_id: 'u-1', target_type: null, target_id: null, vault_id: null, ip: '192.0.2.1', browser_mode: 1, details: `{"n":${seq}}` });
      // Gaps where transactions rolled back on PostgreSQL's sequence.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as 0011 left it, without hash
      await (database.db as any).insertInto('events').values([event(1, 'login'), event(2, 'vault.created'), event(5, 'item.created'), event(9, 'logout')]).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const rows = await database.db.selectFrom('events').selectAll().orderBy('seq').execute();
      expect(rows.map((row) => [Number(row.seq), row.type, row.details])).toEqual([
        [1, 'login', '{"n":1}'],
        [2, 'vault.created', '{"n":2}'],
        [3, 'item.created', '{"n":5}'],
        [4, 'logout', '{"n":9}'],
      ]);
      let previous = GENESIS_HASH;
      for (const row of rows) {
        const expected = chainHash(previous, { ...row, seq: Number(row.seq), occurred_at: Number(row.occurred_at) });
        expect(row.hash).toBe(expected);
        previous = expected;
      }
    } finally {
      await database.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
