import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';
import { createScratchDatabase, testPostgresUrl, type ScratchDatabase } from './postgres';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';

const SERVER_BUNDLE = join(ROOT, 'dist/server.js');
const START_TIMEOUT_MS = 20_000;

/** A real Keyhold server process on a free port, with its own data directory or PostgreSQL database. */
export interface RunningServer {
  url: string;
  port: number;
  engine: 'sqlite' | 'postgres';
  dataDir: string;
  /** The server key file (outside the data directory, as in production). */
  keyFile: string;
  /** The scratch PostgreSQL database it runs on (postgres engine only). */
  postgres: ScratchDatabase | undefined;
  /** Everything the process printed so far (JSON log lines), for assertions and failure messages. */
  output(): string;
  /** The one-time setup token it printed, if the database was empty. */
  setupToken(): string | undefined;
  /** The temporary folder holding `data/` and `keys/`, for a restart with `home`. */
  home: string;
  /** Ends the process with SIGKILL, as a power cut would (data kept). */
  kill(): Promise<void>;
  /** Stops the process but keeps its data (files, database) for inspection; `stop` removes them. */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  engine?: 'sqlite' | 'postgres';
  /** Reuse a halted server's home (data directory and key file) instead of a fresh one. */
  home?: string;
  /** Run on this PostgreSQL database (e.g. another instance's) instead of a new scratch one. */
  databaseUrl?: string;
  /** Extra command-line arguments for `serve`. */
  args?: string[];
  /** Extra environment; LOG_LEVEL must stay at info or below, since start-up waits for an info line. */
  env?: Record<string, string>;
}

function waitForListening(child: ChildProcess, output: string[]): Promise<{ port: number; secure: boolean }> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`)), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}:\n${output.join('\n')}`));
    };
    child.once('exit', (code) => fail(`server exited with code ${code} before listening`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; url?: string };
        if (entry.msg === 'listening' && typeof entry.port === 'number') {
          clearTimeout(timer);
          resolvePort({ port: entry.port, secure: entry.url?.startsWith('https:') ?? false });
        }
      } catch {
        // Not a log line (a warning from Node, say): keep it for the failure message only.
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  });
}

const SETUP_TOKEN = /khs_[\w-]+/;
/** How long a new, empty server's setup token may trail its `listening` line. */
const TOKEN_GRACE_MS = 5_000;

/**
 * Waits (briefly) for the setup token of a new server: it is printed on stderr before `listening`
 * is logged on stdout, but the two pipes are read independently, so it can arrive just after.
 */
async function untilSetupToken(output: string[]): Promise<void> {
  const deadline = Date.now() + TOKEN_GRACE_MS;
  while (!SETUP_TOKEN.test(output.join('\n')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/**
 * Starts `dist/server.js serve` (with the flags npm start uses) on port 0 and resolves once it logs that it listens. With
 * `engine: 'postgres'` it runs on a scratch database of `KEYHOLD_TEST_PG_URL`, dropped on stop.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const engine = options.engine ?? 'sqlite';
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'keyhold-server-'));
  const dataDir = join(home, 'data');
  const keyFile = join(home, 'keys', 'server-key.json');
  let scratch: ScratchDatabase | undefined;
  if (engine === 'postgres' && !options.databaseUrl) {
    const serverUrl = testPostgresUrl();
    if (!serverUrl) throw new Error('KEYHOLD_TEST_PG_URL is not set: cannot start a server on PostgreSQL.');
    scratch = await createScratchDatabase(serverUrl);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...options.env };
  const databaseUrl = options.databaseUrl ?? scratch?.url;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  if (!options.env?.KEYHOLD_SERVER_KEY) delete env.KEYHOLD_SERVER_KEY;

  const output: string[] = [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE, 'serve', '--port', '0', '--data', dataDir, '--key-file', keyFile, ...(options.args ?? [])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const cleanUp = async () => {
    await stopProcess(child);
    await scratch?.drop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const { port, secure } = await waitForListening(child, output);
    // A fresh home on a fresh database is an empty server: it announces a setup token.
    if (!options.home && !options.databaseUrl) await untilSetupToken(output);
    return { url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`, port, engine, home, dataDir, keyFile, postgres: scratch, output: () => output.join('\n'), setupToken: () => SETUP_TOKEN.exec(output.join('\n'))?.[0], halt: () => stopProcess(child), kill: () => killProcess(child), stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
