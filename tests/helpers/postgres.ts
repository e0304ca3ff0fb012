import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests may use (`KEYHOLD_TEST_PG_URL`), or undefined when none is configured. */
export function testPostgresUrl(): string | undefined {
  return process.env.KEYHOLD_TEST_PG_URL || undefined;
}

/** A database created for one test run; `drop` removes it and every connection to it. */
export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database on the test server, so runs never see each other's data. */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `keyhold_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
