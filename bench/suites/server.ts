import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { testPostgresUrl } from '../../tests/helpers/postgres';
import { startServer, type RunningServer } from '../../tests/helpers/server-process';
import { median, round, type Figure } from '../report';
import type { Suite } from '../suite';

const ROUNDS = 3;
const SECONDS = 4;
const CONNECTIONS = 50;

// The baseline: a bare Hono app with one JSON route, in its own process like the real server.
const BARE_SERVER = `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono().get('/ping', (c) => c.json({ status: 'ok' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
`;

async function startBareServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
  return { url: `http://127.0.0.1:${port}/ping`, stop: () => child.kill() };
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** `/healthz` on one engine against the bare baseline, rounds interleaved; figures suffixed by engine. */
async function measureEngine(engine: 'sqlite' | 'postgres', bareUrl: string, log: (line: string) => void): Promise<Figure[]> {
  const suffix = engine === 'sqlite' ? 'sqlite' : 'pg';
  let keyhold: RunningServer | undefined;
  const healthz: number[] = [];
  const baseline: number[] = [];
  try {
    keyhold = await startServer({ engine });
    for (let i = 0; i < ROUNDS; i++) {
      baseline.push(await requestsPerSecond(bareUrl));
      healthz.push(await requestsPerSecond(`${keyhold.url}/healthz`));
      log(`${engine} round ${i + 1}: bare ${round(baseline[i]!)} req/s, healthz ${round(healthz[i]!)} req/s`);
    }
  } finally {
    await keyhold?.stop();
  }
  return [
    { name: `healthz_rps_${suffix}`, value: median(healthz), unit: 'req/s' },
    { name: `bare_hono_rps_${suffix}`, value: median(baseline), unit: 'req/s' },
    { name: `healthz_ratio_${suffix}`, value: median(healthz) / median(baseline), unit: 'x' },
  ];
}

/** `/healthz` (one database query per request, the full middleware stack) against a bare Hono route. */
export const serverSuite: Suite = {
  name: 'server',
  description: '/healthz on SQLite and PostgreSQL against a bare Hono JSON route',
  run: async (log) => {
    const bare = await startBareServer();
    try {
      const figures = await measureEngine('sqlite', bare.url, log);
      if (testPostgresUrl()) figures.push(...(await measureEngine('postgres', bare.url, log)));
      else log('KEYHOLD_TEST_PG_URL is not set: PostgreSQL figures skipped');
      return figures;
    } finally {
      bare.stop();
    }
  },
};
