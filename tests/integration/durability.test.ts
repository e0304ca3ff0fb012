import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { loginRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { meRoute } from '../../lib/contract/users';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { startServer } from '../helpers/server-process';
import { TEST_POLICY } from '../helpers/policy';

// kill -9 in the middle of a stream of writes: every write the server acknowledged must be there
// after a restart on the same data directory.

describe('durability on SQLite', () => {
  it('every acknowledged session survives SIGKILL', async () => {
    const first = await startServer();
    const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: first.setupToken()!, organisationName: 'Acme', login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 x', iterations: 300_000 });
    await createApiClient({ baseUrl: first.url }).call(setupRoute, { body: request });

    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        try {
          const pair = await createApiClient({ baseUrl: first.url }).call(loginRoute, { body: { login: 'owner@acme.test', password: 'login password for the owner' } });
          acknowledged.push(pair.accessToken);
        } catch {
          return; // the server died mid-request: that write was never acknowledged
        }
      }
    })();
    while (acknowledged.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.kill();
    stop = true;
    await writer;

    const second = await startServer({ home: first.home });
    try {
      for (const accessToken of acknowledged) {
        expect((await createApiClient({ baseUrl: second.url, session: { accessToken: () => accessToken } }).call(meRoute)).login).toBe('owner@acme.test');
      }
    } finally {
      await second.stop();
    }
  });
});
