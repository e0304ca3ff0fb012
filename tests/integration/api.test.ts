import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { getAppSettingsRoute } from '../../lib/contract/app-settings';
import { healthRoute } from '../../lib/contract/health';
import { ROUTES } from '../../lib/contract/routes';
import { createApp } from '../../server/app';
import { createSealer } from '../../server/sealing/sealer';
import { startServer, type RunningServer } from '../helpers/server-process';
import { openTestDatabase } from '../helpers/test-database';

describe('the API over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('lists every contract route in the OpenAPI 3.1 document', async () => {
    const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) expect(document.paths[route.path.replace(/\{(\w+)\}/g, '{$1}')], route.path).toHaveProperty(route.method);
  });

  it('serves the interactive docs and their assets locally, with no CDN', async () => {
    const page = await (await fetch(`${server.url}/api/docs`)).text();
    expect(page).toContain('/api/docs/swagger-ui-bundle.js');
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('the typed client reads the same answer with and without the base64 envelope', async () => {
    const plain = createApiClient({ baseUrl: server.url });
    const base64 = createApiClient({ baseUrl: server.url, base64: true });
    expect(await base64.call(getAppSettingsRoute)).toEqual(await plain.call(getAppSettingsRoute));
    expect(await base64.call(healthRoute)).toMatchObject({ status: 'ok' });
    const raw = (await (await fetch(`${server.url}/healthz`, { headers: { 'x-response-format': 'base64' } })).json()) as { format: string };
    expect(raw.format).toBe('base64');
  });

  it('app settings give the default password policy before setup', async () => {
    expect(await createApiClient({ baseUrl: server.url }).call(getAppSettingsRoute)).toEqual({
      initialized: false,
      passwordPolicy: {
        loginPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false },
        masterPassword: { minLength: 14, requireUppercase: true, requireDigits: true, requireSpecial: false },
      },
    });
  });

  it('an unknown route or method is the error envelope, never an HTML page', async () => {
    for (const [method, path] of [['GET', '/api/v1/nothing'], ['DELETE', '/api/v1/app/settings'], ['GET', '/api/docs/../../package.json']]) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('notFound');
    }
  });
});

describe('HTTP hardening', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('sends HSTS, nosniff, no-framing and a CSP on every response', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers CORS for extension origins and not for web pages', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/v1/app/settings`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const extension = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(extension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(extension.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('passwork-masterkeyhash');
    expect((await preflight('https://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await fetch(`${server.url}/healthz`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/keyhold_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('keyhold_process_cpu_seconds_total');
  });

  // Last in this block: the server closes the connection without reading the body.
  it('refuses a body over the limit with 413 before reading it', async () => {
    const response = await fetch(`${server.url}/healthz`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('payloadTooLarge');
  });
});

describe('a fault inside a handler', () => {
  it('is a 500 `internal` with no detail for the caller, and the detail in the log', async () => {
    const { database, dispose } = await openTestDatabase('sqlite');
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32)]]), source: 'test' });
    const app = createApp({ database, logger, sealer });
    await sql`drop table settings`.execute(database.db);
    const response = await app.request('/api/v1/app/settings');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ code: 'internal', field: null, message: 'Something went wrong on the server.' }] });
    expect(text).not.toMatch(/settings|sqlite|table/i);
    expect(lines.join('')).toMatch(/no such table: settings/);
    await dispose();
  });
});
