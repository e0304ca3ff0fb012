import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Database } from '../db/database';
import { migrations } from '../db/migrations/index';
import type { Sealer } from '../sealing/sealer';
import { SEALED_COLUMNS } from '../sealing/sealed-columns';
import type { ServerKeyring } from '../sealing/server-key';
import { BACKUP_TABLES, continueEventSequence, insertRows, isEmpty, tablePages, updateColumn } from './backup.repository';

// A backup is JSON Lines: a header naming the format, the schema it came from and the server key
// ids its sealed values need — never the keys — then one line per row. Sealed values stay sealed,
// so a backup is as safe as the database and as useless without the server key.

const FORMAT = 'keyhold-backup';

/** The first line of a backup. */
export interface BackupHeader {
  format: typeof FORMAT;
  version: 1;
  createdAt: number;
  migrations: string[];
  keyIds: string[];
}

/** A backup that cannot be restored here: says exactly why. */
export class BackupError extends Error {}

const KEY_ID = /^[sm]1\.([\w-]+)\./;

// Sealed values (`s1.<keyId>.…`) and server MACs (`m1.<keyId>.…`) name the key they need.
function keyIdsIn(row: Record<string, unknown>, into: Set<string>): void {
  for (const value of Object.values(row)) {
    const match = typeof value === 'string' ? KEY_ID.exec(value) : null;
    if (match) into.add(match[1]!);
  }
}

/** Writes a backup of every table to `file`, a page of rows at a time; returns its header. */
export async function createBackup(database: Database, file: string, now = Date.now()): Promise<BackupHeader> {
  // The header names the keys before the rows: a first pass finds them, a second writes the rows.
  // Both in one transaction (a snapshot on PostgreSQL), so the rows written are the rows whose keys were named.
  const transaction = database.engine === 'postgres' ? database.db.transaction().setIsolationLevel('repeatable read') : database.db.transaction();
  return transaction.execute(async (trx) => {
    const keyIds = new Set<string>();
    for (const table of BACKUP_TABLES) for await (const rows of tablePages(trx, table)) rows.forEach((row) => keyIdsIn(row, keyIds));
    const header: BackupHeader = { format: FORMAT, version: 1, createdAt: now, migrations: Object.keys(migrations(database.engine)), keyIds: [...keyIds].sort() };
    const out = createWriteStream(file, { mode: 0o600 });
    out.write(`${JSON.stringify(header)}\n`);
    for (const table of BACKUP_TABLES) {
      for await (const rows of tablePages(trx, table)) for (const row of rows) if (!out.write(`${JSON.stringify({ table, row })}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    return header;
  });
}

/** The lines of a backup file: its header, then its rows as they are read. */
async function* backupLines(file: string): AsyncGenerator<BackupHeader | { table: string; row: Record<string, unknown> }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as BackupHeader | { table: string; row: Record<string, unknown> };
}

async function checkHeader(database: Database, keyring: ServerKeyring, file: string, header: BackupHeader | undefined): Promise<void> {
  if (!header) throw new BackupError(`${file} is empty.`);
  if (header.format !== FORMAT || header.version !== 1) throw new BackupError(`${file} is not a Keyhold backup.`);
  const missingKeys = header.keyIds.filter((id) => !keyring.keys.has(id));
  if (missingKeys.length > 0) throw new BackupError(`the backup needs server key(s) ${missingKeys.join(', ')}, which this server does not have (${keyring.source}).`);
  const known = new Set(Object.keys(migrations(database.engine)));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new BackupError(`the backup comes from a newer Keyhold (migrations ${unknown.join(', ')}); upgrade this server first.`);
  if (!(await isEmpty(database.db))) throw new BackupError('the database is not empty: restore into a fresh data directory or database.');
}

/** Restores `file` into an empty, migrated database, inserting rows as it reads them; refuses when this server lacks a key the backup needs. */
export async function restoreBackup(database: Database, keyring: ServerKeyring, file: string): Promise<{ rows: number }> {
  const lines = backupLines(file);
  const first = await lines.next();
  await checkHeader(database, keyring, file, first.done ? undefined : (first.value as BackupHeader));
  const order = new Map<string, number>(BACKUP_TABLES.map((table, index) => [table, index]));
  let count = 0;
  await database.db.transaction().execute(async (trx) => {
    // Rows come table by table in BACKUP_TABLES order (foreign keys hold); a batch is written when it fills or its table ends.
    let table: string | undefined;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await insertRows(trx, table, batch);
      count += batch.length;
      batch = [];
    };
    for await (const line of lines) {
      const entry = line as { table: string; row: Record<string, unknown> };
      const position = order.get(entry.table);
      if (position === undefined) throw new BackupError(`the backup holds rows of an unknown table ${JSON.stringify(entry.table)}.`);
      if (entry.table !== table) {
        await flush();
        if (table && position < order.get(table)!) throw new BackupError(`the backup's rows of ${entry.table} come after those of ${table}.`);
        table = entry.table;
      }
      batch.push(entry.row);
      if (batch.length >= 200) await flush();
    }
    await flush();
    await continueEventSequence(trx, database.engine);
  });
  return { rows: count };
}

/** Re-seals every sealed value under the keyring's current key; returns how many were re-sealed. */
export async function resealAll(database: Database, sealer: Sealer, current: string): Promise<number> {
  let count = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const sealed of SEALED_COLUMNS) {
      for await (const rows of tablePages(trx, sealed.table)) for (const row of rows) {
        const value = row[sealed.column];
        if (typeof value !== 'string' || sealer.keyIdOf(value) === current) continue;
        const place = { table: sealed.table, column: sealed.column, rowId: sealed.rowId(row) };
        const key = Object.fromEntries(sealed.key.map((name) => [name, row[name]]));
        await updateColumn(trx, sealed.table, key, sealed.column, sealer.seal(sealer.open(value, place), place));
        count++;
      }
    }
  });
  return count;
}

