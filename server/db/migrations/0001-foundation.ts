import type { Kysely, Migration } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it uses Kysely<any>
// and imports nothing from the application. Later changes are new migrations.

type Engine = 'sqlite' | 'postgres';

/** Settings, and the event log the audit chain (issue #11) will extend. */
export function foundation(engine: Engine): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();

      // `seq` is the order events happened in: the audit chain hashes over it.
      await db.schema
        .createTable('events')
        .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (column) => (engine === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement()))
        .addColumn('occurred_at', 'bigint', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('actor_type', 'text', (column) => column.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('vault_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('browser_mode', 'integer')
        .addColumn('details', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('events_by_type').on('events').columns(['type', 'occurred_at']).execute();
      await db.schema.createIndex('events_by_actor').on('events').columns(['actor_id', 'occurred_at']).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable('events').execute();
      await db.schema.dropTable('settings').execute();
    },
  };
}
