import { describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase } from '../../tests/helpers/test-database';

describe.each(ENGINES)('the hot-path reader on $engine', ({ engine, available }) => {
  it.skipIf(!available)('sees what has committed, never another request’s open transaction', async () => {
    const { database, dispose } = await openTestDatabase(engine);
    try {
      const query = database.db.selectFrom('settings').select('key').where('key', '=', 'reader-test').compile();
      const read = () => database.reader.rows<{ key: string }>(query.sql, query.parameters);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const inserted = new Promise<void>((resolve) => (written = resolve));
      const transaction = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'reader-test', value: '{}', updated_at: 1 }).execute();
        written();
        await held;
      });
      await inserted;
      expect(await read()).toEqual([]);
      release();
      await transaction;
      expect(await read()).toEqual([{ key: 'reader-test' }]);
    } finally {
      await dispose();
    }
  });
});
