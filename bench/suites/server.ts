import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startServer } from '../../tests/helpers/server-process';
import { median, round } from '../report';
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

/** `/healthz` (one SQLite query per request) against a bare Hono route, rounds interleaved. */
export const serverSuite: Suite = {
  name: 'server',
  description: '/healthz on SQLite against a bare Hono JSON route',
  run: async (log) => {
    const keyhold = await startServer({ engine: 'sqlite' });
    const bare = await startBareServer();
    const healthz: number[] = [];
    const baseline: number[] = [];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        baseline.push(await requestsPerSecond(bare.url));
        healthz.push(await requestsPerSecond(`${keyhold.url}/healthz`));
        log(`round ${i + 1}: bare ${round(baseline[i]!)} req/s, healthz ${round(healthz[i]!)} req/s`);
      }
    } finally {
      bare.stop();
      await keyhold.stop();
    }
    return [
      { name: 'healthz_rps', value: median(healthz), unit: 'req/s' },
      { name: 'bare_hono_rps', value: median(baseline), unit: 'req/s' },
      { name: 'healthz_ratio', value: median(healthz) / median(baseline), unit: 'x' },
    ];
  },
};
