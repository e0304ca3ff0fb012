import { ApiRequestError, createApiClient } from '../../lib/api/client';
import { refreshRoute, type TokenPair } from '../../lib/contract/sessions';
import { withFileLock } from '../config/file-lock';
import { readTokens, writeTokens, type ConfigFiles } from '../config/stored-login';

// One login shared by every keyhold process of a config folder. A refresh token is single-use, and
// the server treats one presented again after its grace window as stolen and revokes the session
// (docs/api.md, "Refresh races"). So refreshing happens under a file lock: the lock's holder first
// reads tokens.json again, and when another process already rotated the pair it takes that pair
// instead of spending the old token; a new pair is written before anyone uses it.

/** Refresh a little before expiry, so a command does not start with a request doomed to 401. */
const EARLY_MS = 5_000;

/** The session's tokens as the API client wants them, refreshed under the lock. */
export interface SharedTokens {
  accessToken(): string | undefined;
  /** True when a fresh pair is in place; false when the server ended the session. */
  refresh(): Promise<boolean>;
  /** Refreshes first when the stored access token is (almost) expired. */
  ensureFresh(): Promise<boolean>;
}

export function sharedTokens(files: ConfigFiles, serverUrl: string, initial: TokenPair): SharedTokens {
  let tokens = initial;
  const api = createApiClient({ baseUrl: serverUrl, browserMode: false });

  async function rotateLocked(): Promise<boolean> {
    const stored = readTokens(files);
    if (!stored) return false;
    if (stored.refreshToken !== tokens.refreshToken && stored.accessTokenExpiredAt > Date.now() + EARLY_MS) {
      tokens = stored;
      return true;
    }
    try {
      tokens = await api.call(refreshRoute, { body: { refreshToken: stored.refreshToken } });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return false;
      throw error;
    }
    writeTokens(files, tokens);
    return true;
  }

  const refresh = () => withFileLock(files.lock, rotateLocked);
  return {
    accessToken: () => tokens.accessToken,
    refresh,
    ensureFresh: async () => (tokens.accessTokenExpiredAt > Date.now() + EARLY_MS ? true : refresh()),
  };
}
