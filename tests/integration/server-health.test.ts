import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { testPostgresUrl } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server-process';

/** Starts a real server on `engine` for the enclosing describe and returns a getter for it. */
function useServer(engine: 'sqlite' | 'postgres'): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ engine });
  });
  afterAll(() => server?.stop());
  return () => server!;
}

/** The cases every engine must pass. */
function sharedCases(engine: 'sqlite' | 'postgres', server: () => RunningServer) {
  it('answers /healthz with its version and database', async () => {
    const response = await fetch(`${server().url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: packageJson.version, database: engine });
  });

  it('answers an unknown route with the error envelope', async () => {
    const response = await fetch(`${server().url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ code: 'notFound', field: null, message: 'Not found, or not visible to you.' }] });
  });
}

describe('server on SQLite', () => {
  const server = useServer('sqlite');
  sharedCases('sqlite', server);

  it('keeps its database in the data directory', () => {
    expect(existsSync(join(server().dataDir, 'keyhold.sqlite'))).toBe(true);
  });
});

describe.skipIf(!testPostgresUrl())('server on PostgreSQL', () => {
  const server = useServer('postgres');
  sharedCases('postgres', server);

  // Runs last in this block: it drops the database the shared cases need.
  it('reports 503 once its database is gone, so a load balancer stops sending traffic, and stays up', async () => {
    await server().postgres!.drop();
    const response = await fetch(`${server().url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', version: packageJson.version, database: 'postgres' });
  });
});

describe('server command line', () => {
  it('refuses a bad port with a usage error instead of starting', () => {
    const result = spawnSync(process.execPath, ['dist/server.js', 'serve', '--port', 'eighty'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a number from 0 to 65535, not "eighty".');
  });

  it('stops cleanly on SIGTERM', async () => {
    const server = await startServer();
    await server.stop();
    expect(server.output()).toContain('"msg":"stopping"');
  });
});
