import { hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables';

export type Engine = 'sqlite' | 'postgres';

/**
 * Runs compiled read-only SQL outside any transaction, on committed data only. On SQLite this is a
 * second connection used synchronously, so the reads every request makes (session, item) wait for
 * neither Kysely's connection lock nor an open transaction; on PostgreSQL it is the pool.
 */
export interface Reader {
  rows<Row>(sql: string, parameters: readonly unknown[]): Promise<Row[]>;
  /**
   * The rows as arrays of values in select order. For the one read of thousands of rows (a full
   * sync): better-sqlite3 makes its row objects in V8's slow dictionary mode, and objects made from
   * arrays with one literal shape are cheaper to make and to read (about a third of the read).
   */
  arrays(sql: string, parameters: readonly unknown[]): Promise<unknown[][]>;
}

/** An open database: the Kysely handle, which engine it runs on, and how to close it. */
export interface Database {
  db: Kysely<Tables>;
  /** For the hot read paths: see Reader. */
  reader: Reader;
  engine: Engine;
  /** Resolves when the database answers a trivial query; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; when absent the embedded SQLite database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Told when PostgreSQL drops an idle connection (restart, failover); the pool reconnects by itself. */
  onConnectionError?: (error: Error) => void;
}

const MAX_CACHED_STATEMENTS = 1000;

/**
 * Kysely prepares every query anew; compiling SQL costs more than running these small queries.
 * better-sqlite3 statements are reusable, and synchronous, so one cached statement per SQL text is
 * never run twice at once (Kysely does not stream here).
 */
function withStatementCache(file: SQLite.Database, prepared: (statement: SQLite.Statement) => SQLite.Statement = (statement) => statement): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        // Generated SQL (multi-row inserts, IN lists) varies; a bound keeps the cache small.
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statement = prepared(file.prepare(sql));
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function openSqlite(dataDir: string): { db: Kysely<Tables>; reader: Reader; closeReader(): void } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'keyhold.sqlite');
  const file = new SQLite(path);
  // WAL lets readers proceed while a writer commits; SQLite leaves foreign keys off unless asked.
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // In WAL mode a second connection reads the last committed state, never another request's open
  // transaction (which the main connection would show it).
  const readerFile = new SQLite(path);
  readerFile.pragma('query_only = ON');
  readerFile.pragma('busy_timeout = 5000');
  const readerStatements = withStatementCache(readerFile);
  const arrayStatements = withStatementCache(readerFile, (statement) => statement.raw(true));
  return {
    db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) }),
    reader: {
      rows: async <Row>(sql: string, parameters: readonly unknown[]) => readerStatements.prepare(sql).all(parameters) as Row[],
      arrays: async (sql: string, parameters: readonly unknown[]) => arrayStatements.prepare(sql).all(parameters) as unknown[][],
    },
    closeReader: () => readerFile.close(),
  };
}

// Timestamps are epoch milliseconds in BIGINT columns; pg returns int8 as strings unless told
// otherwise, and millisecond timestamps are far inside the range a JavaScript number holds exactly.
const INT8_OID = 20;
const int8AsNumber = (value: string) => Number(value);

function openPostgres(databaseUrl: string, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types: { getTypeParser: (oid, format) => (oid === INT8_OID ? int8AsNumber : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig });
  // Without a listener, an idle connection killed by the server is an unhandled 'error' event
  // and takes the whole process down; with one, the next query simply opens a new connection.
  pool.on('error', onConnectionError);
  return pool;
}

/** Opens PostgreSQL when a URL is given, else the embedded SQLite file under `dataDir`. */
export function openDatabase(options: DatabaseOptions): Database {
  const engine: Engine = options.databaseUrl ? 'postgres' : 'sqlite';
  const opened = options.databaseUrl ? postgresWithReader(openPostgres(options.databaseUrl, options.onConnectionError ?? (() => undefined))) : openSqlite(options.dataDir);
  const { db } = opened;
  return {
    db,
    reader: opened.reader,
    engine,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      opened.closeReader();
    },
  };
}

/** At most this many SQL texts get a prepared statement on each PostgreSQL connection; the rest are parsed each time. */
const MAX_PREPARED_STATEMENTS = 256;

/**
 * The Reader on PostgreSQL runs its reads as named prepared statements: the server parses and plans
 * them once per connection instead of on every request, which is most of what these small reads
 * cost it. Names come from the SQL text; a process prepares a bounded number of texts.
 */
function postgresWithReader(pool: pg.Pool): { db: Kysely<Tables>; reader: Reader; closeReader(): void } {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
      name = `keyhold_${hash('sha256', text, 'hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const run = async (text: string, parameters: readonly unknown[], rowMode?: 'array') => {
    const name = nameOf(text);
    return (await pool.query({ text, values: [...parameters], ...(name ? { name } : {}), ...(rowMode ? { rowMode } : {}) })).rows;
  };
  return {
    db,
    reader: {
      rows: async <Row>(text: string, parameters: readonly unknown[]) => (await run(text, parameters)) as Row[],
      arrays: async (text: string, parameters: readonly unknown[]) => (await run(text, parameters, 'array')) as unknown[][],
    },
    closeReader: () => undefined,
  };
}
