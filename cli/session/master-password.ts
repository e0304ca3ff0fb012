import { CliError, EXIT } from '../exit-codes';
import { askSecret, canPrompt } from '../terminal/prompt';

// Every command that decrypts needs the master password again: nothing that opens the keys is kept
// on disk. A person types it; a script sets KEYHOLD_MASTER_PASSWORD (docs/cli.md says what that
// exposes: any process of the same user can read another's environment).

export const MASTER_PASSWORD_VARIABLE = 'KEYHOLD_MASTER_PASSWORD';

/** The master password from the environment, or typed; fails when neither is possible. */
export async function masterPassword(login: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnvironment = env[MASTER_PASSWORD_VARIABLE];
  if (fromEnvironment) return fromEnvironment;
  if (!canPrompt()) throw new CliError(EXIT.usage, `The master password is needed: set ${MASTER_PASSWORD_VARIABLE}, or run keyhold in a terminal.`);
  return askSecret(`Master password for ${login}: `, 'master password');
}
