import { createApiClient } from '../../lib/api/client';
import { revokeSessionRoute } from '../../lib/contract/sessions';
import { configDir } from '../config/config-dir';
import { configFiles, forgetLogin, readLogin, readTokens } from '../config/stored-login';
import { EXIT } from '../exit-codes';
import type { Command } from './command';
import { parseFlags } from './flags';

const HELP = `Usage: keyhold logout

Ends the session on the server and deletes the stored login and tokens (the pinned
organisation key stays). Works offline too: the local files go either way.`;

/** `keyhold logout`: revokes the session (best effort) and forgets it here. */
export const logoutCommand: Command = {
  name: 'logout',
  summary: 'end the session and delete the stored login',
  help: HELP,
  run: async (args, output) => {
    parseFlags('logout', args, {}, false);
    const files = configFiles(configDir());
    const login = readLogin(files);
    const tokens = readTokens(files);
    if (login && tokens) {
      try {
        await createApiClient({ baseUrl: login.serverUrl, browserMode: false, session: { accessToken: () => tokens.accessToken } }).call(revokeSessionRoute, { params: { id: 'current' } });
      } catch {
        // An expired token or an unreachable server: the session dies with its refresh token's expiry.
      }
    }
    forgetLogin(files);
    output.err(login ? `keyhold: logged out of ${login.serverUrl}.` : 'keyhold: not logged in.');
    return EXIT.ok;
  },
};
