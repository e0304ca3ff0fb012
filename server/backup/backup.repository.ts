import { sql, type Kysely } from 'kysely';

// The SQL of backup, restore and key rotation. It works table by table on rows as plain objects,
// the same on both engines, so a backup taken on SQLite restores on PostgreSQL and back.

/** Tables in an order that satisfies foreign keys on insert (reverse it to delete). */
export const BACKUP_TABLES = ['settings', 'organisation', 'users', 'groups', 'group_members', 'key_wraps', 'invitations', 'sessions', 'spent_refresh_tokens', 'login_throttle', 'recovery_codes', 'events', 'change_counter', 'vaults', 'vault_access', 'folders', 'items', 'item_revisions', 'sync_removals', 'roles', 'retired_certificates', 'item_shortcuts', 'inbox_shares', 'audit_heads', 'audit_cursors', 'access_keys', 'share_links', 'attachments', 'attachment_chunks'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Rows of `table`, in a stable order. */
export async function readTable(db: AnyDb, table: string): Promise<Record<string, unknown>[]> {
  const query = db.selectFrom(table).selectAll();
  return table === 'events' ? query.orderBy('seq').execute() : query.execute();
}

// Tables whose rows are big (attachment blobs: 64 KiB a row, a 50 MB file is 763 rows) are read a
// page at a time in key order, so backup, restore and rotation hold one page, not the table.
const PAGED: Record<string, { key: string[]; size: number }> = { attachment_chunks: { key: ['attachment_id', 'idx'], size: 32 } };

/** The rows of `table` a page at a time (one page for the small tables), in a stable order. */
export async function* tablePages(db: AnyDb, table: string): AsyncGenerator<Record<string, unknown>[]> {
  const paged = PAGED[table];
  if (!paged) return yield await readTable(db, table);
  const [first, second] = paged.key as [string, string];
  let after: Record<string, unknown> | undefined;
  for (;;) {
    let query = db.selectFrom(table).selectAll().orderBy(first).orderBy(second).limit(paged.size);
    const last = after;
    if (last) query = query.where((eb) => eb.or([eb(first, '>', last[first]), eb.and([eb(first, '=', last[first]), eb(second, '>', last[second])])]));
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
    if (rows.length < paged.size) return;
    after = rows.at(-1);
  }
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
  const batch = PAGED[table]?.size ?? 200;
  for (let start = 0; start < rows.length; start += batch) await db.insertInto(table).values(rows.slice(start, start + batch)).execute();
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
