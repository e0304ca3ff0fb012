import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { finished } from 'node:stream/promises';
import { CliError, EXIT } from '../exit-codes';
import { maskingStream } from './secret-masker';

// The child of `keyhold run`: its stdin is ours, its stdout and stderr go through the masker to
// ours, signals sent to keyhold are passed on (a CI runner's cancel reaches the real job), and its
// exit code — or 128 + the signal number, as shells report a killed child — becomes keyhold's.

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/** Runs `command` with `env`, masking `secrets` in its output; resolves to its exit code. */
export async function runChild(command: string[], env: NodeJS.ProcessEnv, secrets: readonly string[]): Promise<number> {
  const [file, ...args] = command;
  const child = spawn(file!, args, { env, stdio: ['inherit', 'pipe', 'pipe'] });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  const stdout = child.stdout.pipe(maskingStream(secrets));
  const stderr = child.stderr.pipe(maskingStream(secrets));
  stdout.pipe(process.stdout, { end: false });
  stderr.pipe(process.stderr, { end: false });
  try {
    const exit = new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' || error.code === 'EACCES' ? new CliError(EXIT.commandNotFound, `Cannot run "${file}": ${error.code === 'ENOENT' ? 'command not found' : 'permission denied'}.`) : error));
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
    const code = await exit;
    await Promise.all([finished(stdout), finished(stderr)]);
    return code;
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}
