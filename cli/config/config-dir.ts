import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Where `keyhold login` keeps what later commands need: $KEYHOLD_CONFIG_DIR, else
// $XDG_CONFIG_HOME/keyhold, else ~/.config/keyhold. The folder is 0700 and every file 0600, and
// files are replaced by rename so a crash or a parallel reader never sees half a file.

/** The config folder for this environment. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEYHOLD_CONFIG_DIR) return env.KEYHOLD_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'keyhold');
}

/** Creates the folder (0700) if needed; tightens it if it exists with looser bits. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The parsed JSON in `file`, or null when there is none. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Writes `value` as JSON to `file` (mode 0600) through a temporary file and a rename. */
export function writePrivateJson(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Removes `file` if it exists. */
export function removeFile(file: string): void {
  rmSync(file, { force: true });
}
