import { spawn } from 'node:child_process';

// The baseline: a bare Hono app with one JSON route, in its own process like the real server.
const BARE_SERVER = `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono().get('/ping', (c) => c.json({ status: 'ok' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
`;

/** Starts the bare Hono process and resolves with its one route's URL once it listens. */
export async function startBareServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
  return { url: `http://127.0.0.1:${port}/ping`, stop: () => child.kill() };
}
