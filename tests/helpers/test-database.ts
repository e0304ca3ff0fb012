import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { createScratchDatabase, testPostgresUrl } from './postgres';

/** The engines a shared case suite runs on: SQLite always, PostgreSQL when KEYHOLD_TEST_PG_URL is set. */
export const ENGINES = [
  { engine: 'sqlite' as const, available: true },
  { engine: 'postgres' as const, available: testPostgresUrl() !== undefined },
];

/** A migrated, empty database on `engine` (a temp SQLite file or a scratch PostgreSQL database). */
export async function openTestDatabase(engine: 'sqlite' | 'postgres'): Promise<{ database: Database; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhold-db-'));
  const scratch = engine === 'postgres' ? await createScratchDatabase(testPostgresUrl()!) : undefined;
  const database = openDatabase({ dataDir, databaseUrl: scratch?.url });
  await migrateToLatest(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
