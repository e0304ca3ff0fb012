import { describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient } from '../../lib/api/client';
import { loginRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { TEST_POLICY } from '../helpers/policy';
import { startServer } from '../helpers/server-process';

// Guessing across many logins from one address is slowed down too, not only guessing one account.

describe('progressive delays per address', () => {
  it('after twenty failures from one address, even a correct login from it waits', async () => {
    const server = await startServer();
    try {
      const api = createApiClient({ baseUrl: server.url });
      const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: server.setupToken()!, organisationName: 'Acme', login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 x', iterations: 300_000 });
      await api.call(setupRoute, { body: request });
      for (let i = 0; i < 21; i++) {
        await expect(api.call(loginRoute, { body: { login: `guess-${i}@acme.test`, password: 'a guessed password' } })).rejects.toMatchObject({ code: 'invalidCredentials' });
      }
      const blocked = await api.call(loginRoute, { body: { login: 'owner@acme.test', password: 'login password for the owner' } }).catch((error: unknown) => error);
      expect(blocked).toBeInstanceOf(ApiRequestError);
      expect(blocked).toMatchObject({ status: 429, code: 'rateLimited' });
    } finally {
      await server.stop();
    }
  });
});
