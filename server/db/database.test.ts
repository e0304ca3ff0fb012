import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../tests/helpers/test-database';

// SQLite rows are made in JavaScript from better-sqlite3's raw arrays (database.ts): they must be
// the objects better-sqlite3 would have made.
describe('rows read from SQLite', () => {
  it('are the columns in order, a repeated name taking the last value', async () => {
    const { database, dispose } = await openTestDatabase('sqlite');
    try {
      const { rows } = await sql<Record<string, unknown>>`select 1 as a, 'x' as b, 2 as a, null as c, x'0102' as d, 1.5 as e`.execute(database.db);
      expect(rows).toEqual([{ a: 2, b: 'x', c: null, d: Buffer.from([1, 2]), e: 1.5 }]);
      expect(Object.keys(rows[0]!)).toEqual(['a', 'b', 'c', 'd', 'e']);
      const compiled = database.db.selectFrom('settings').select(['key', 'value']).compile();
      expect(await database.reader.rows(compiled.sql, compiled.parameters)).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('follow a schema change under a cached statement', async () => {
    const { database, dispose } = await openTestDatabase('sqlite');
    try {
      await sql`create table t (a integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      const all = () => sql<Record<string, unknown>>`select * from t`.execute(database.db);
      expect((await all()).rows).toEqual([{ a: 1 }]);
      await sql`alter table t add column b text default 'x'`.execute(database.db);
      expect((await all()).rows).toEqual([{ a: 1, b: 'x' }]);
      const streamed = [];
      for await (const row of database.db.selectFrom('t' as never).selectAll().stream()) streamed.push(row);
      expect(streamed).toEqual([{ a: 1, b: 'x' }]);
    } finally {
      await dispose();
    }
  });
});
