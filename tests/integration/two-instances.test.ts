import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { loginRoute, refreshRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { meRoute } from '../../lib/contract/users';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { testPostgresUrl } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server-process';
import { TEST_POLICY } from '../helpers/policy';

// The server is stateless: several instances share one PostgreSQL. A client whose refresh races
// across two instances must still end up with one valid pair, not a revoked session.

const SERVER_KEY = `shared-1:${Buffer.alloc(32, 42).toString('base64url')}`;

describe.skipIf(!testPostgresUrl())('two server instances on one PostgreSQL', () => {
  let first: RunningServer;
  let second: RunningServer;
  beforeAll(async () => {
    first = await startServer({ engine: 'postgres', env: { KEYHOLD_SERVER_KEY: SERVER_KEY } });
    second = await startServer({ engine: 'postgres', databaseUrl: first.postgres!.url, env: { KEYHOLD_SERVER_KEY: SERVER_KEY } });
    const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: second.setupToken()!, organisationName: 'Acme', login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 x', iterations: 300_000 });
    // The token the second instance printed replaced the first one's: setup goes to the second.
    await createApiClient({ baseUrl: second.url }).call(setupRoute, { body: request });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('a session opened on one instance works on the other', async () => {
    const pair = await createApiClient({ baseUrl: first.url }).call(loginRoute, { body: { login: 'owner@acme.test', password: 'login password for the owner' } });
    expect((await createApiClient({ baseUrl: second.url, session: { accessToken: () => pair.accessToken } }).call(meRoute)).login).toBe('owner@acme.test');
  });

  it('concurrent refreshes of one token on both instances both get the same new pair', async () => {
    for (let round = 0; round < 5; round++) {
      const pair = await createApiClient({ baseUrl: first.url }).call(loginRoute, { body: { login: 'owner@acme.test', password: 'login password for the owner' } });
      const body = { refreshToken: pair.refreshToken };
      const [a, b] = await Promise.all([createApiClient({ baseUrl: first.url }).call(refreshRoute, { body }), createApiClient({ baseUrl: second.url }).call(refreshRoute, { body })]);
      expect(a).toEqual(b);
      expect((await createApiClient({ baseUrl: second.url, session: { accessToken: () => a.accessToken } }).call(meRoute)).login).toBe('owner@acme.test');
    }
  });
});
