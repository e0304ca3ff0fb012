import { CliError, EXIT } from '../exit-codes';
import { askSecret, canPrompt } from './prompt';

// The archive password is not the master password: it protects a file that leaves the server, and
// whoever restores it (perhaps on another server) needs it. Scripts set KEYHOLD_ARCHIVE_PASSWORD.

export const ARCHIVE_PASSWORD_VARIABLE = 'KEYHOLD_ARCHIVE_PASSWORD';
/** Shorter passwords are refused outright: the archive is exposed to offline guessing. */
export const MIN_ARCHIVE_PASSWORD = 12;

/** The password of an archive to read: the variable, else typed (or piped). */
export async function archivePasswordToRead(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return env[ARCHIVE_PASSWORD_VARIABLE] || askSecret('Archive password: ', 'archive password');
}

/** The password for a new archive: the variable, else typed twice in a terminal; refused when short or mismatched. */
export async function archivePasswordToWrite(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let password = env[ARCHIVE_PASSWORD_VARIABLE] ?? '';
  if (!password) {
    if (!canPrompt()) throw new CliError(EXIT.usage, `An archive needs a password: set ${ARCHIVE_PASSWORD_VARIABLE}, or run keyhold in a terminal.`);
    password = await askSecret('New archive password: ', 'archive password');
    if ((await askSecret('Archive password again: ', 'archive password')) !== password) throw new CliError(EXIT.usage, 'The two archive passwords differ.');
  }
  if ([...password].length < MIN_ARCHIVE_PASSWORD) throw new CliError(EXIT.usage, `The archive password must have at least ${MIN_ARCHIVE_PASSWORD} characters.`);
  return password;
}
