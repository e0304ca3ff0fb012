import { configDir } from '../config/config-dir';
import { configFiles } from '../config/stored-login';
import { CliError, EXIT } from '../exit-codes';
import type { Identity } from './identity';
import { openPersonSession } from './person-session';

// Import and export are things people do (docs/cli.md): a CI job has no reason to write a whole
// vault out, or to fill one from another manager's file, and a leaked access key must not be
// enough to do either.

/** The logged-in person's identity; a machine's access key in the environment is refused. */
export function openPersonOnly(command: string, env: NodeJS.ProcessEnv = process.env): Promise<Identity> {
  if (env.KEYHOLD_ACCESS_KEY) throw new CliError(EXIT.noAccess, `keyhold ${command} is for people: unset KEYHOLD_ACCESS_KEY and log in with "keyhold login".`);
  return openPersonSession(configFiles(configDir(env)), env);
}
