import { syncRoute } from '../../lib/contract/sync';
import { ReadableVaults } from '../../lib/vault/readable-vaults';
import { configDir } from '../config/config-dir';
import { configFiles } from '../config/stored-login';
import { CliError, EXIT } from '../exit-codes';
import type { Identity } from './identity';
import { openMachineIdentity } from './machine-identity';
import { openPersonSession } from './person-session';

// Every reading command starts here: the identity, then one full sync of what it may read. Nothing
// is cached on disk between commands, so nothing readable outlives the command.

/** The identity this environment names: the machine of KEYHOLD_ACCESS_KEY when set, else the logged-in person. */
export async function openSession(env: NodeJS.ProcessEnv = process.env): Promise<Identity> {
  if (env.KEYHOLD_ACCESS_KEY) return openMachineIdentity(env.KEYHOLD_ACCESS_KEY, env);
  return openPersonSession(configFiles(configDir(env)), env);
}

/** Everything `identity` may read, from one full sync, verified as it is opened. */
export async function readVaults(identity: Identity): Promise<ReadableVaults> {
  let sync;
  try {
    sync = await identity.api.call(syncRoute, { query: {} });
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 401) throw new CliError(EXIT.notLoggedIn, 'The session has ended. Run "keyhold login" again.');
    throw error;
  }
  return new ReadableVaults(sync, { userId: identity.userId, keys: identity.keys.userKeys, organisation: { id: identity.organisationId, publicKey: identity.keys.organisationKey } });
}
