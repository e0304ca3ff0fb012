import { Migrator } from 'kysely';
import type { Database } from './database';
import { migrations } from './migrations/index';

/** Thrown when a migration fails; the database is left at the last migration that succeeded. */
export class MigrationError extends Error {}

/**
 * Brings the schema up to date and returns the names of the migrations it applied. Safe to run from
 * several instances at once: Kysely's migrator takes a lock (a row lock in PostgreSQL).
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(database.engine) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(`migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
