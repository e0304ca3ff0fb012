import type { Kysely } from 'kysely';
import type { SealedItem } from '../../lib/contract/items';
import type { KeyWrap } from '../../lib/crypto/wraps';
import { openDatabase } from '../../server/db/database';
import type { ItemsTable, Tables } from '../../server/db/tables';
import { SEALED_COLUMNS } from '../../server/sealing/sealed-columns';
import { createSealer, type Sealer } from '../../server/sealing/sealer';
import { loadServerKeyring } from '../../server/sealing/server-key';
import type { RunningServer } from './server-process';

// A hostile server for tests: the running server's own database and server key, so a test can
// open any sealed column, change what is inside, seal it again for the right row and let the
// client read it through the API. The second layer of encryption is no defence against the server
// itself; only what the client checks is. Writes go straight to the database while the server runs
// (SQLite's WAL lets both sides in).

/** What `items.secrets` holds once opened: the client's encrypted fields and entry-key wrap. */
export type ItemSecrets = Pick<SealedItem, 'fields' | 'entryKey'>;

/** The running server's database and key, as its operator holds them. */
export interface HostileServer {
  db: Kysely<Tables>;
  sealer: Sealer;
  /** Opens the sealed value in `table.column` of `row`, at the place the server seals it. */
  open(table: string, column: string, row: Record<string, unknown>, sealed: string): string;
  /** Seals `plaintext` for `table.column` of `row`, as the server itself would. */
  seal(table: string, column: string, row: Record<string, unknown>, plaintext: string): string;
  /** An item's row, as stored. */
  itemRow(itemId: string): Promise<ItemsTable>;
  /** Overwrites columns of an item's row. */
  updateItemRow(itemId: string, changes: Partial<ItemsTable>): Promise<void>;
  /** An item's `secrets` column, opened. */
  itemSecrets(itemId: string): Promise<ItemSecrets>;
  /** Replaces an item's `secrets`, sealed for that item's row. */
  setItemSecrets(itemId: string, secrets: ItemSecrets): Promise<void>;
  /** A kept revision of an item, opened. */
  revision(itemId: string, revision: number): Promise<SealedItem>;
  /** Stores `wrap` as the vault key wrap of its recipient (replacing any), sealed for its row. */
  putVaultWrap(wrap: KeyWrap): Promise<void>;
  close(): Promise<void>;
}

function placeOf(table: string, column: string, row: Record<string, unknown>) {
  const sealed = SEALED_COLUMNS.find((candidate) => candidate.table === table && candidate.column === column);
  if (!sealed) throw new Error(`${table}.${column} is not a sealed column`);
  return { table, column, rowId: sealed.rowId(row) };
}

/** Opens `server`'s database and loads its key (the server keeps running). */
export function hostileServer(server: RunningServer): HostileServer {
  const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
  const sealer = createSealer(loadServerKeyring({ keyFile: server.keyFile, dataDir: server.dataDir }).keyring);
  const open = (table: string, column: string, row: Record<string, unknown>, value: string) => sealer.open(value, placeOf(table, column, row)).toString();
  const seal = (table: string, column: string, row: Record<string, unknown>, plaintext: string) => sealer.seal(plaintext, placeOf(table, column, row));
  const itemRow = (itemId: string) => db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
  // Served as a hostile server would serve it: as a new version of the item, so the running
  // server does not answer with the text it kept of the version before (server/items/item-texts.ts).
  const updateItemRow = async (itemId: string, changes: Partial<ItemsTable>) => {
    await db.updateTable('items').set((eb) => ({ updated_at: eb('updated_at', '+', 1), ...changes })).where('id', '=', itemId).execute();
  };

  return {
    db,
    sealer,
    open,
    seal,
    itemRow,
    updateItemRow,
    async itemSecrets(itemId) {
      const row = await itemRow(itemId);
      return JSON.parse(open('items', 'secrets', row, row.secrets)) as ItemSecrets;
    },
    async setItemSecrets(itemId, secrets) {
      await updateItemRow(itemId, { secrets: seal('items', 'secrets', { id: itemId }, JSON.stringify(secrets)) });
    },
    async revision(itemId, revision) {
      const row = await db.selectFrom('item_revisions').selectAll().where('item_id', '=', itemId).where('revision', '=', revision).executeTakeFirstOrThrow();
      return JSON.parse(open('item_revisions', 'record', row, row.record)) as SealedItem;
    },
    async putVaultWrap(wrap) {
      const key = { kind: 'vault', subject_id: wrap.subjectId, recipient_id: wrap.recipientId, key_version: wrap.keyVersion };
      const sealed = seal('key_wraps', 'wrap', key, JSON.stringify(wrap));
      await db
        .insertInto('key_wraps')
        .values({ ...key, wrap: sealed, created_at: Date.now() })
        .onConflict((conflict) => conflict.columns(['kind', 'subject_id', 'recipient_id', 'key_version']).doUpdateSet({ wrap: sealed }))
        .execute();
    },
    close,
  };
}
