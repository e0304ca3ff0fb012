import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient } from '../../lib/api/client';
import { confirmTotpRoute, startTotpRoute } from '../../lib/contract/mfa';
import { refreshRoute, type TokenPair } from '../../lib/contract/sessions';
import { totpCode } from '../../lib/vault/totp';
import { EXIT } from '../../cli/exit-codes';
import { keyhold, tempConfigDir } from '../helpers/keyhold-cli';
import { createTestOrganisation, type TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { newItem, newVault } from '../helpers/vault-fixtures';

// `keyhold login` with a second factor, and one login shared by parallel processes: access tokens
// live 6 s and a spent refresh token gets no grace at all, so two processes that both refreshed
// with the same token would revoke the session.

const STEP_MS = 30_000;
const LOGIN = 'ci@acme.test';
const SECRETS = { loginPassword: `${LOGIN} login password`, masterPassword: `${LOGIN} Master 2026` };
const REFERENCE = 'keyhold://Deploy/Registry/password';

function storedTokens(config: string): TokenPair {
  return JSON.parse(readFileSync(join(config, 'tokens.json'), 'utf8')) as TokenPair;
}

describe.each(ENGINES)('keyhold login and shared refresh on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let member: TestMember;
  let totpSecret: string;
  const config = tempConfigDir();
  const env = { KEYHOLD_CONFIG_DIR: config, KEYHOLD_MASTER_PASSWORD: SECRETS.masterPassword };

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine, env: { KEYHOLD_ACCESS_TTL_SECONDS: '6', KEYHOLD_REFRESH_GRACE_SECONDS: '0.001' } });
    const organisation = await createTestOrganisation(server);
    member = await organisation.addMember(LOGIN);
    ({ secret: totpSecret } = await member.api.call(startTotpRoute));
    // The previous step's code: the login below uses the current one, which replay protection then accepts.
    await member.api.call(confirmTotpRoute, { body: { code: totpCode({ secret: totpSecret }, Date.now() - STEP_MS) } });
    const vault = await newVault(member, { name: 'Deploy' });
    await newItem(member, vault, { name: 'Registry', password: 'registry-pw' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!available)('asks for the authenticator code when the server wants one, refusing a wrong one (exit 8)', async () => {
    const args = ['login', '--server', server.url, '--login', LOGIN];
    const wrong = await keyhold([...args, '--totp', '000000'], { env: { KEYHOLD_CONFIG_DIR: config }, input: `${SECRETS.loginPassword}\n` });
    expect(wrong.code).toBe(EXIT.wrongCredentials);
    expect(existsSync(join(config, 'login.json'))).toBe(false);
    // Everything on stdin, one answer per line, as a script pipes it: login password, code, master password.
    const input = `${SECRETS.loginPassword}\n${totpCode({ secret: totpSecret })}\n${SECRETS.masterPassword}\n`;
    const result = await keyhold(args, { env: { KEYHOLD_CONFIG_DIR: config }, input });
    expect(result.stderr).toContain(`logged in to ${server.url} as ${LOGIN}`);
    expect(result.code).toBe(0);
    expect((await keyhold(['get', REFERENCE], { env })).stdout).toBe('registry-pw\n');
  });

  it.skipIf(!available)('parallel processes refresh one expired session without revoking it', async () => {
    const before = storedTokens(config);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, before.accessTokenExpiredAt - Date.now()) + 200));
    const results = await Promise.all(Array.from({ length: 4 }, () => keyhold(['get', REFERENCE], { env })));
    for (const result of results) expect(result).toMatchObject({ code: 0, stdout: 'registry-pw\n', stderr: '' });
    const after = storedTokens(config);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await keyhold(['get', REFERENCE], { env })).code).toBe(0);
    // The control: with no grace, the spent token presented again is theft, and ends the session
    // — what any of the four processes would have caused had they not shared the refresh.
    const reuse = await createApiClient({ baseUrl: server.url }).call(refreshRoute, { body: { refreshToken: before.refreshToken } }).catch((error: unknown) => error);
    expect(reuse).toBeInstanceOf(ApiRequestError);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, storedTokens(config).accessTokenExpiredAt - Date.now()) + 200));
    const ended = await keyhold(['get', REFERENCE], { env });
    expect(ended).toMatchObject({ code: EXIT.notLoggedIn, stderr: 'keyhold: The session has ended. Run "keyhold login" again.\n' });
  }, 60_000);

  it.skipIf(!available)('logout forgets the login and keeps the pinned organisation key', async () => {
    const result = await keyhold(['logout'], { env });
    expect(result.code).toBe(0);
    expect(existsSync(join(config, 'login.json'))).toBe(false);
    expect(existsSync(join(config, 'tokens.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(config, 'pins.json'), 'utf8'))).toEqual({ [new URL(server.url).origin]: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await keyhold(['get', REFERENCE], { env })).code).toBe(EXIT.notLoggedIn);
  });
});
