import { createApiClient } from '../../lib/api/client';
import { loginRoute } from '../../lib/contract/sessions';
import { masterKeyOptionsRoute, meRoute, userKeysRoute } from '../../lib/contract/users';
import { deriveMasterKey } from '../../lib/crypto/kdf';
import { openUserKeys } from '../../lib/crypto/user-keys';
import type { RunningServer } from './server-process';

/**
 * Signs in and unlocks as a real client would: login password, KDF record, master key, then the
 * sealed private keys (which only the right master key hash gets and only the right master key opens).
 */
export async function signInAndUnlock(server: Pick<RunningServer, 'url'>, login: string, loginPassword: string, masterPassword: string) {
  const pair = await createApiClient({ baseUrl: server.url }).call(loginRoute, { body: { login, password: loginPassword } });
  const { kdf } = await createApiClient({ baseUrl: server.url }).call(masterKeyOptionsRoute, { query: { login } });
  const master = await deriveMasterKey(masterPassword, kdf);
  const api = createApiClient({ baseUrl: server.url, session: { accessToken: () => pair.accessToken }, masterKeyHash: () => master.hash });
  const me = await api.call(meRoute);
  const sealed = await api.call(userKeysRoute);
  const keys = await openUserKeys(master.key, me.id, { encryption: sealed.encryptionKey, signing: sealed.signingKey });
  return { api, me, keys, pair, masterKeyHash: master.hash };
}
