import { describe, expect, it } from 'vitest';
import type { TokenPair } from '../contract/sessions';
import { createTokenKeeper } from './token-keeper';

const pair = (n: number): TokenPair => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, accessTokenExpiredAt: n, refreshTokenExpiredAt: n });

/** A refresh endpoint that rotates like the server: a spent refresh token presented again is refused. */
function rotatingServer() {
  let current = 1;
  let calls = 0;
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    calls++;
    const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
    if (refreshToken !== `refresh-${current}`) return new Response(JSON.stringify({ errors: [{ code: 'unauthenticated', field: null, message: 'reused' }] }), { status: 401 });
    current++;
    return new Response(JSON.stringify(pair(current)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls: () => calls };
}

describe('createTokenKeeper', () => {
  it('shares one refresh between concurrent callers, so a single-use refresh token is never sent twice', async () => {
    const server = rotatingServer();
    const saved: (TokenPair | null)[] = [];
    const keeper = createTokenKeeper({ serverUrl: 'https://vault.acme.test', initial: pair(1), fetch: server.fetch, onChange: async (tokens) => void saved.push(tokens) });
    expect(await Promise.all([keeper.refresh(), keeper.refresh(), keeper.refresh()])).toEqual([true, true, true]);
    expect(server.calls()).toBe(1);
    expect(keeper.accessToken()).toBe('access-2');
    expect(saved).toEqual([pair(2)]);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    const server = rotatingServer();
    const saved: (TokenPair | null)[] = [];
    const keeper = createTokenKeeper({ serverUrl: 'https://vault.acme.test', initial: pair(7), fetch: server.fetch, onChange: async (tokens) => void saved.push(tokens) });
    expect(await keeper.refresh()).toBe(false);
    expect(keeper.current()).toBeNull();
    expect(saved).toEqual([null]);
  });

  it('keeps the tokens when the server cannot be reached', async () => {
    const keeper = createTokenKeeper({ serverUrl: 'https://vault.acme.test', initial: pair(1), fetch: async () => Promise.reject(new TypeError('fetch failed')), onChange: async () => undefined });
    await expect(keeper.refresh()).rejects.toThrow(TypeError);
    expect(keeper.current()).toEqual(pair(1));
  });
});
