import type { Kysely, Migration } from 'kysely';

// Frozen in time (see 0001). The newest change number of items and of folders, read in the same
// statement as a sync's head, tells a delta whether those tables changed at all since its cursor;
// most deltas find nothing, and skip the queries (server/sync/sync.service.ts).

/** Indexes on `items.change_seq` and `folders.change_seq`. */
export function changeIndexes(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    up: async (db: Kysely<any>) => {
      await db.schema.createIndex('items_change').on('items').column('change_seq').execute();
      await db.schema.createIndex('folders_change').on('folders').column('change_seq').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    down: async (db: Kysely<any>) => {
      await db.schema.dropIndex('folders_change').execute();
      await db.schema.dropIndex('items_change').execute();
    },
  };
}
