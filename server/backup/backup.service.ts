import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Database } from '../db/database';
import { migrations } from '../db/migrations/index';
import type { Sealer } from '../sealing/sealer';
import { SEALED_COLUMNS } from '../sealing/sealed-columns';
import type { ServerKeyring } from '../sealing/server-key';
import { BACKUP_TABLES, continueEventSequence, insertRows, isEmpty, readTable, updateColumn } from './backup.repository';

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

/** Writes a backup of every table to `file`; returns its header. */
export async function createBackup(database: Database, file: string, now = Date.now()): Promise<BackupHeader> {
  const tables = new Map<string, Record<string, unknown>[]>();
  const keyIds = new Set<string>();
  for (const table of BACKUP_TABLES) {
    const rows = await readTable(database.db, table);
    rows.forEach((row) => keyIdsIn(row, keyIds));
    tables.set(table, rows);
  }
  const header: BackupHeader = { format: FORMAT, version: 1, createdAt: now, migrations: Object.keys(migrations(database.engine)), keyIds: [...keyIds].sort() };
  const out = createWriteStream(file, { mode: 0o600 });
  out.write(`${JSON.stringify(header)}\n`);
  for (const [table, rows] of tables) for (const row of rows) if (!out.write(`${JSON.stringify({ table, row })}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return header;
}

async function readBackup(file: string): Promise<{ header: BackupHeader; rows: Map<string, Record<string, unknown>[]> }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header: BackupHeader | undefined;
  const rows = new Map<string, Record<string, unknown>[]>(BACKUP_TABLES.map((table) => [table, []]));
  for await (const line of lines) {
    if (line === '') continue;
    const parsed = JSON.parse(line) as BackupHeader | { table: string; row: Record<string, unknown> };
    if (!header) {
      if ((parsed as BackupHeader).format !== FORMAT || (parsed as BackupHeader).version !== 1) throw new BackupError(`${file} is not a Keyhold backup.`);
      header = parsed as BackupHeader;
      continue;
    }
    const entry = parsed as { table: string; row: Record<string, unknown> };
    const bucket = rows.get(entry.table);
    if (!bucket) throw new BackupError(`the backup holds rows of an unknown table ${JSON.stringify(entry.table)}.`);
    bucket.push(entry.row);
  }
  if (!header) throw new BackupError(`${file} is empty.`);
  return { header, rows };
}

/** Restores `file` into an empty, migrated database; refuses when this server lacks a key the backup needs. */
export async function restoreBackup(database: Database, keyring: ServerKeyring, file: string): Promise<{ rows: number }> {
  const { header, rows } = await readBackup(file);
  const missingKeys = header.keyIds.filter((id) => !keyring.keys.has(id));
  if (missingKeys.length > 0) throw new BackupError(`the backup needs server key(s) ${missingKeys.join(', ')}, which this server does not have (${keyring.source}).`);
  const known = new Set(Object.keys(migrations(database.engine)));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new BackupError(`the backup comes from a newer Keyhold (migrations ${unknown.join(', ')}); upgrade this server first.`);
  if (!(await isEmpty(database.db))) throw new BackupError('the database is not empty: restore into a fresh data directory or database.');
  let count = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const table of BACKUP_TABLES) {
      await insertRows(trx, table, rows.get(table)!);
      count += rows.get(table)!.length;
    }
    await continueEventSequence(trx, database.engine);
  });
  return { rows: count };
}

/** Re-seals every sealed value under the keyring's current key; returns how many were re-sealed. */
export async function resealAll(database: Database, sealer: Sealer, current: string): Promise<number> {
  let count = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const sealed of SEALED_COLUMNS) {
      for (const row of await readTable(trx, sealed.table)) {
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

