import { sql, type Kysely } from 'kysely';

// The SQL of backup, restore and key rotation. It works table by table on rows as plain objects,
// the same on both engines, so a backup taken on SQLite restores on PostgreSQL and back.

/** Tables in an order that satisfies foreign keys on insert (reverse it to delete). */
export const BACKUP_TABLES = ['settings', 'organisation', 'users', 'groups', 'group_members', 'key_wraps', 'invitations', 'sessions', 'spent_refresh_tokens', 'login_throttle', 'recovery_codes', 'events', 'change_counter', 'vaults', 'vault_access', 'folders', 'items', 'item_revisions', 'sync_removals', 'roles', 'retired_certificates', 'item_shortcuts', 'inbox_shares', 'audit_heads', 'audit_cursors', 'access_keys', 'share_links'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Rows of `table`, in a stable order. */
export async function readTable(db: AnyDb, table: string): Promise<Record<string, unknown>[]> {
  const query = db.selectFrom(table).selectAll();
  return table === 'events' ? query.orderBy('seq').execute() : query.execute();
}

/** True when no table holds a row (a fresh, migrated database). */
export async function isEmpty(db: AnyDb): Promise<boolean> {
  for (const table of BACKUP_TABLES) {
    if (await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst().then((row) => Number(row?.n) > 0)) return false;
  }
  return true;
}

/** Inserts `rows` into `table` in batches. */
export async function insertRows(db: AnyDb, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) await db.insertInto(table).values(rows.slice(start, start + 200)).execute();
}

/** Sets `column` of the row with `key` to `value`. */
export async function updateColumn(db: AnyDb, table: string, key: Record<string, unknown>, column: string, value: string): Promise<void> {
  let query = db.updateTable(table).set({ [column]: value });
  for (const [name, keyValue] of Object.entries(key)) query = query.where(name, '=', keyValue);
  await query.execute();
}

/** After rows were inserted with explicit `seq`, PostgreSQL's sequence must continue after them. */
export async function continueEventSequence(db: AnyDb, engine: 'sqlite' | 'postgres'): Promise<void> {
  if (engine !== 'postgres') return; // SQLite's AUTOINCREMENT follows explicit values by itself
  await sql`select setval(pg_get_serial_sequence('events', 'seq'), coalesce((select max(seq) from events), 0) + 1, false)`.execute(db);
}
