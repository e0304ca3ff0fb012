import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../tests/helpers/test-database';
import { BACKUP_TABLES } from './backup.repository';

describe('backup coverage', () => {
  it('backs up every table the migrations create, so a restore loses nothing', async () => {
    const { database, dispose } = await openTestDatabase('sqlite');
    try {
      const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name <> 'sqlite_sequence'`.execute(database.db);
      expect(rows.map((row) => row.name).sort()).toEqual([...BACKUP_TABLES].sort());
    } finally {
      await dispose();
    }
  });
});
