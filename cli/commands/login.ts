import { ApiRequestError, createApiClient, type ApiClient } from '../../lib/api/client';
import { masterKeyOptionsRoute, meRoute, userKeysRoute } from '../../lib/contract/users';
import { AuthenticationError } from '../../lib/crypto/errors';
import { deriveMasterKey, type KdfParams, type MasterKey } from '../../lib/crypto/kdf';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { openUserKeys } from '../../lib/crypto/user-keys';
import { SessionError } from '../../lib/session/session-error';
import { normaliseServerUrl } from '../../lib/session/server-url';
import { signIn, type SignedIn } from '../../lib/session/sign-in';
import { configDir } from '../config/config-dir';
import { configFiles, readLogin, readPin, writeLogin, writePin, type ConfigFiles } from '../config/stored-login';
import { CliError, EXIT } from '../exit-codes';
import { ask, askSecret } from '../terminal/prompt';
import type { Command } from './command';
import { parseFlags } from './flags';

// `keyhold login`: the login password (and a second factor when the server asks), then the master
// password, which opens the private keys here before anything is saved, so a typo fails now and
// not in a CI job later. The organisation key is pinned on the first login to a server (or to the
// fingerprint given with --fingerprint) and checked on every later one.

const OPTIONS = {
  server: { type: 'string', short: 's' },
  login: { type: 'string', short: 'u' },
  totp: { type: 'string' },
  fingerprint: { type: 'string' },
} as const;

const HELP = `Usage: keyhold login [--server URL] [--login EMAIL] [--totp CODE] [--fingerprint HEX]

Signs in and stores the session in the config folder (docs/cli.md, "Config files").
Asks for what it is not given; on a pipe each answer is the next line of stdin.

  -s, --server URL      the Keyhold server (or KEYHOLD_SERVER; default: the last one)
  -u, --login EMAIL     your login (or KEYHOLD_LOGIN)
      --totp CODE       the authenticator code, when your account has one (or KEYHOLD_TOTP)
      --fingerprint HEX the organisation key fingerprint to trust on a first login
Environment: KEYHOLD_LOGIN_PASSWORD, KEYHOLD_MASTER_PASSWORD (read instead of asking).`;

async function signInWithSecondFactor(serverUrl: string, login: string, password: string, totp: string | undefined): Promise<SignedIn> {
  const context = { browserMode: false };
  try {
    return await signIn(serverUrl, { login, password, ...(totp ? { totp } : {}) }, context);
  } catch (error) {
    if (!(error instanceof SessionError && error.code === 'mfaRequired') || totp) throw error;
    const code = await ask('Authenticator code: ', 'authenticator code');
    return signIn(serverUrl, { login, password, totp: code.trim() }, context);
  }
}

function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return a.algorithm === b.algorithm && a.iterations === b.iterations && a.salt === b.salt && a.version === b.version;
}

async function trustedFingerprint(files: ConfigFiles, serverUrl: string, served: string, given: string | undefined, log: (line: string) => void): Promise<string> {
  const pinned = readPin(files, serverUrl);
  if (pinned) return pinned;
  if (given) return given.toLowerCase().replace(/[^0-9a-f]/g, '');
  log(`keyhold: trusting this server's organisation key ${served} (first login here; compare it with your administrator's).`);
  return served;
}

/** The sealed keys the server holds for this master key, once they open with it and its KDF record is the one used. */
async function openOwnKeys(api: ApiClient, masterKey: MasterKey, kdf: KdfParams, userId: string) {
  let sealed;
  try {
    sealed = await api.call(userKeysRoute);
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'masterKeyHashMismatch') throw new CliError(EXIT.wrongCredentials, 'Wrong master password.');
    throw error;
  }
  // Without this check the server could hand out a record of its choosing (a weak salt) for the next unlock.
  if (!sameKdf(sealed.kdf, kdf)) throw new CliError(EXIT.verificationFailed, 'The server changed the key-derivation record during login.');
  try {
    await openUserKeys(masterKey.key, userId, { encryption: sealed.encryptionKey, signing: sealed.signingKey });
  } catch (error) {
    if (error instanceof AuthenticationError) throw new CliError(EXIT.verificationFailed, 'Your sealed keys did not open with the master password the server accepted.');
    throw error;
  }
  return sealed;
}

export const loginCommand: Command = {
  name: 'login',
  summary: 'sign in as a person and keep the session in the config folder',
  help: HELP,
  run: async (args, output) => {
    const { values } = parseFlags('login', args, OPTIONS, false);
    const env = process.env;
    const files = configFiles(configDir(env));
    const typedServer = values.server ?? env.KEYHOLD_SERVER ?? readLogin(files)?.serverUrl ?? (await ask('Server: ', 'server address'));
    const serverUrl = normaliseServerUrl(typedServer);
    const login = (values.login ?? env.KEYHOLD_LOGIN ?? (await ask('Login: ', 'login'))).trim().toLowerCase();
    const password = env.KEYHOLD_LOGIN_PASSWORD ?? (await askSecret('Login password: ', 'login password'));
    const { mfaEnrolmentRequired, ...tokens } = await signInWithSecondFactor(serverUrl, login, password, values.totp ?? env.KEYHOLD_TOTP);
    // Such a session may only enrol a second factor, which takes the extension's setup page.
    if (mfaEnrolmentRequired) throw new CliError(EXIT.wrongCredentials, 'Your organisation requires a second factor: set one up in the Keyhold extension first, then log in again.');
    const session = { accessToken: () => tokens.accessToken };
    const me = await createApiClient({ baseUrl: serverUrl, browserMode: false, session }).call(meRoute);
    const fingerprint = await trustedFingerprint(files, serverUrl, me.organisationFingerprint, values.fingerprint, output.err);
    await pinnedOrganisationKey(me.organisationKey, fingerprint);
    const master = env.KEYHOLD_MASTER_PASSWORD ?? (await askSecret(`Master password for ${me.login}: `, 'master password'));
    const { kdf } = await createApiClient({ baseUrl: serverUrl, browserMode: false }).call(masterKeyOptionsRoute, { query: { login: me.login } });
    const masterKey = await deriveMasterKey(master, kdf);
    const api = createApiClient({ baseUrl: serverUrl, browserMode: false, session, masterKeyHash: () => masterKey.hash });
    const sealed = await openOwnKeys(api, masterKey, kdf, me.id);
    writePin(files, serverUrl, fingerprint);
    writeLogin(files, { version: 1, serverUrl, userId: me.id, login: me.login, organisationId: me.organisationId, organisationKey: me.organisationKey, organisationFingerprint: fingerprint, kdf: sealed.kdf, sealedKeys: { encryptionKey: sealed.encryptionKey, signingKey: sealed.signingKey } }, tokens);
    if (me.certificate === null) output.err('keyhold: your account waits for an administrator to confirm it; vaults stay closed until then.');
    output.err(`keyhold: logged in to ${serverUrl} as ${me.login}.`);
    return EXIT.ok;
  },
};
