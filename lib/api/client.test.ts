import { Hono, type Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { healthRoute } from '../contract/health';
import { ApiRequestError, createApiClient, InvalidResponseError } from './client';

// A small real Hono app stands in for a server that misbehaves in ways ours never should.
function serverWith(handler: (c: Context) => Response | Promise<Response>) {
  const app = new Hono().get('/healthz', handler);
  const seen: Headers[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const request = new Request(url, init);
    seen.push(request.headers);
    return app.fetch(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const healthy = { status: 'ok', version: '1.0.0', database: 'sqlite' };

describe('api client', () => {
  it('sends the Passwork headers and the bearer token', async () => {
    const server = serverWith((c) => c.json(healthy));
    const client = createApiClient({ baseUrl: 'http://vault.test', fetch: server.fetch, language: 'de-DE', browserMode: true, session: { accessToken: () => 'tok' }, masterKeyHash: () => 'ab'.repeat(32) });
    expect(await client.call(healthRoute)).toEqual(healthy);
    expect(Object.fromEntries(server.seen[0]!)).toMatchObject({ authorization: 'Bearer tok', 'accept-language': 'de-DE', 'passwork-browsermode': '1', 'passwork-masterkeyhash': 'ab'.repeat(32) });
  });

  it('refreshes once on accessTokenExpired and retries with the new token', async () => {
    let token = 'old';
    let refreshes = 0;
    const server = serverWith((c) =>
      c.req.header('authorization') === 'Bearer new' ? c.json(healthy) : c.json({ errors: [{ code: 'accessTokenExpired', field: null, message: 'expired' }] }, 401),
    );
    const session = { accessToken: () => token, refresh: async () => ((token = 'new'), refreshes++, true) };
    expect(await createApiClient({ baseUrl: 'http://vault.test', fetch: server.fetch, session }).call(healthRoute)).toEqual(healthy);
    expect(refreshes).toBe(1);
  });

  it('retries only once: a second expiry is the caller’s error', async () => {
    let refreshes = 0;
    const server = serverWith((c) => c.json({ errors: [{ code: 'accessTokenExpired', field: null, message: 'expired' }] }, 401));
    const client = createApiClient({ baseUrl: 'http://vault.test', fetch: server.fetch, session: { accessToken: () => 'x', refresh: async () => (refreshes++, true) } });
    await expect(client.call(healthRoute)).rejects.toMatchObject({ code: 'accessTokenExpired', status: 401 });
    expect(refreshes).toBe(1);
  });

  it('refuses a success body that does not match the contract', async () => {
    const server = serverWith((c) => c.json({ status: 'ok', version: 1 }));
    await expect(createApiClient({ baseUrl: 'http://vault.test', fetch: server.fetch }).call(healthRoute)).rejects.toThrow(InvalidResponseError);
  });

  it('refuses an error without the envelope, and a body that is not JSON', async () => {
    const bare = serverWith((c) => c.json({ message: 'nope' }, 500));
    await expect(createApiClient({ baseUrl: 'http://vault.test', fetch: bare.fetch }).call(healthRoute)).rejects.toThrow(InvalidResponseError);
    const html = serverWith((c) => c.html('<h1>proxy error</h1>', 502));
    await expect(createApiClient({ baseUrl: 'http://vault.test', fetch: html.fetch }).call(healthRoute)).rejects.toThrow('not JSON');
  });

  it('turns the envelope into an error with its code and message', async () => {
    const server = serverWith((c) => c.json({ errors: [{ code: 'forbidden', field: null, message: 'Nein.' }] }, 403));
    const error = await createApiClient({ baseUrl: 'http://vault.test', fetch: server.fetch }).call(healthRoute).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403, message: 'Nein.' });
  });
});
