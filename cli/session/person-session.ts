import { createApiClient } from '../../lib/api/client';
import { AuthenticationError } from '../../lib/crypto/errors';
import { deriveMasterKey } from '../../lib/crypto/kdf';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { openUserKeys } from '../../lib/crypto/user-keys';
import { readLogin, readTokens, type ConfigFiles } from '../config/stored-login';
import { CliError, EXIT } from '../exit-codes';
import type { Identity } from './identity';
import { masterPassword } from './master-password';
import { sharedTokens } from './shared-tokens';

// A person's identity for one command: the master password opens the sealed keys `login` stored
// (a wrong password fails their MAC here, before any request), the organisation key is checked
// against the pinned fingerprint, and the API client refreshes the shared tokens under the lock.

const NOT_LOGGED_IN = 'Not logged in. Run "keyhold login" first.';

/** Opens the logged-in person's keys; throws CliError (not logged in, wrong master password, session ended). */
export async function openPersonSession(files: ConfigFiles, env: NodeJS.ProcessEnv = process.env): Promise<Identity> {
  const login = readLogin(files);
  const stored = readTokens(files);
  if (!login || !stored) throw new CliError(EXIT.notLoggedIn, NOT_LOGGED_IN);
  const tokens = sharedTokens(files, login.serverUrl, stored);
  // The refresh (if due) overlaps the key derivation.
  const fresh = tokens.ensureFresh();
  fresh.catch(() => undefined);
  const masterKey = await deriveMasterKey(await masterPassword(login.login, env), login.kdf);
  let userKeys;
  try {
    userKeys = await openUserKeys(masterKey.key, login.userId, { encryption: login.sealedKeys.encryptionKey, signing: login.sealedKeys.signingKey });
  } catch (error) {
    if (error instanceof AuthenticationError) throw new CliError(EXIT.wrongCredentials, 'Wrong master password.');
    throw error;
  }
  const organisationKey = await pinnedOrganisationKey(login.organisationKey, login.organisationFingerprint);
  if (!(await fresh)) throw new CliError(EXIT.notLoggedIn, 'The session has ended. Run "keyhold login" again.');
  const api = createApiClient({ baseUrl: login.serverUrl, browserMode: false, session: tokens, masterKeyHash: () => masterKey.hash });
  return { userId: login.userId, api, keys: { userKeys, organisationKey }, organisationId: login.organisationId };
}
