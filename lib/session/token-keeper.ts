import { ApiRequestError, createApiClient } from '../api/client';
import { refreshRoute, type TokenPair } from '../contract/sessions';

// The worker is the only refresher of the session's tokens. A refresh token is single-use and a spent
// one presented again revokes the whole session on the server, so concurrent refreshes share one
// request, and the new pair is saved before anyone uses it.

export interface TokenKeeper {
  accessToken(): string | undefined;
  current(): TokenPair | null;
  /** Resolves true when a fresh pair is in place; false when the session is over (sign in again). */
  refresh(): Promise<boolean>;
  replace(tokens: TokenPair | null): Promise<void>;
}

export function createTokenKeeper(options: {
  serverUrl: string;
  initial: TokenPair | null;
  fetch?: typeof fetch;
  /** Called with every new pair (and null when the server ended the session), before it is used. */
  onChange(tokens: TokenPair | null): Promise<void>;
}): TokenKeeper {
  let tokens = options.initial;
  let inFlight: Promise<boolean> | null = null;
  const api = createApiClient({ baseUrl: options.serverUrl, browserMode: true, ...(options.fetch ? { fetch: options.fetch } : {}) });

  async function replace(next: TokenPair | null): Promise<void> {
    tokens = next;
    await options.onChange(next);
  }

  async function rotate(): Promise<boolean> {
    if (!tokens) return false;
    try {
      await replace(await api.call(refreshRoute, { body: { refreshToken: tokens.refreshToken } }));
      return true;
    } catch (error) {
      // Only the server's "no" ends the session; an unreachable server leaves the tokens for later.
      if (error instanceof ApiRequestError && error.status === 401) {
        await replace(null);
        return false;
      }
      throw error;
    }
  }

  return {
    accessToken: () => tokens?.accessToken,
    current: () => tokens,
    replace,
    refresh() {
      inFlight ??= rotate().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
