import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from '../../lib/contract/mfa';
import { loginRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { totpCode } from '../../lib/vault/totp';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { createApp } from '../../server/app';
import { createSealer } from '../../server/sealing/sealer';
import { settingsRepository } from '../../server/settings/settings.repository';
import { issueSetupToken } from '../../server/setup/setup-token';
import { ENGINES, openTestDatabase } from '../helpers/test-database';
import { errorOf } from '../helpers/api-error';
import { TEST_POLICY } from '../helpers/policy';

// The second factor, on each engine, with the app in-process so the test controls the clock.

const LOGIN = 'owner@acme.test';
const PASSWORD = 'login password for the owner';
const STEP = 30_000;


describe.each(ENGINES)('TOTP second factor on $engine', ({ engine, available }) => {
  let clock = 1_900_000_000_000;
  let dispose: () => Promise<void>;
  let api: ReturnType<typeof createApiClient>;
  let fetch: typeof globalThis.fetch;
  let secret: string;
  let recoveryCodes: string[];
  const signIn = (second: { totp?: string; recoveryCode?: string } = {}, password = PASSWORD) => api.call(loginRoute, { body: { login: LOGIN, password, ...second } });
  const as = (accessToken: string) => createApiClient({ baseUrl: 'http://keyhold.test', fetch, session: { accessToken: () => accessToken } });

  beforeAll(async () => {
    if (!available) return;
    const opened = await openTestDatabase(engine);
    dispose = opened.dispose;
    const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 5)]]), source: 'test' });
    const app = createApp({ database: opened.database, logger: pino({ level: 'silent' }), sealer, now: () => clock });
    fetch = (async (url: string | URL | Request, init?: RequestInit) => app.fetch(new Request(url, init))) as typeof globalThis.fetch;
    api = createApiClient({ baseUrl: 'http://keyhold.test', fetch });
    const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: await issueSetupToken(settingsRepository(opened.database.db)), organisationName: 'Acme', login: LOGIN, loginPassword: PASSWORD, masterPassword: 'Master Password 2026 x', iterations: 300_000 });
    await api.call(setupRoute, { body: request });
  });
  afterAll(() => dispose?.());

  it.skipIf(!available)('turns on only after a correct code, and hands out ten recovery codes once', async () => {
    const owner = as((await signIn()).accessToken);
    ({ secret } = await owner.call(startTotpRoute));
    expect((await errorOf(owner.call(confirmTotpRoute, { body: { code: totpCode({ secret }, clock + 10 * STEP) } }))).code).toBe('mfaInvalid');
    ({ recoveryCodes } = await owner.call(confirmTotpRoute, { body: { code: totpCode({ secret }, clock) } }));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await errorOf(owner.call(startTotpRoute))).code).toBe('conflict');
  });

  it.skipIf(!available)('login then needs a code, but only after the password is right', async () => {
    expect((await errorOf(signIn())).code).toBe('mfaRequired');
    expect((await errorOf(signIn({}, 'wrong password here'))).code).toBe('invalidCredentials');
    expect((await errorOf(signIn({ totp: '000000' }))).code).toBe('mfaInvalid');
  });

  it.skipIf(!available)('refuses a code from a step already used, including the enrolment code', async () => {
    expect((await errorOf(signIn({ totp: totpCode({ secret }, clock) }))).code).toBe('mfaInvalid');
    clock += STEP;
    await expect(signIn({ totp: totpCode({ secret }, clock) })).resolves.toHaveProperty('accessToken');
    expect((await errorOf(signIn({ totp: totpCode({ secret }, clock) }))).code).toBe('mfaInvalid');
    expect((await errorOf(signIn({ totp: totpCode({ secret }, clock - STEP) }))).code).toBe('mfaInvalid');
  });

  it.skipIf(!available)('a recovery code works once, however it is typed', async () => {
    const typed = ` ${recoveryCodes[0]!.toUpperCase().replace('-', ' ')} `;
    await expect(signIn({ recoveryCode: typed })).resolves.toHaveProperty('accessToken');
    expect((await errorOf(signIn({ recoveryCode: recoveryCodes[0]! }))).code).toBe('mfaInvalid');
    expect((await errorOf(signIn({ recoveryCode: 'aaaaa-aaaaa' }))).code).toBe('mfaInvalid');
  });

  it.skipIf(!available)('turns off with a fresh code, after which the password alone signs in', async () => {
    clock += STEP;
    const session = await signIn({ totp: totpCode({ secret }, clock) });
    clock += STEP;
    await as(session.accessToken).call(disableMfaRoute, { body: { code: totpCode({ secret }, clock) } });
    await expect(signIn()).resolves.toHaveProperty('accessToken');
  });
});
