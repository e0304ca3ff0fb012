import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, EXIT } from '../exit-codes';

// Questions `login` and the other commands ask. On a terminal a secret is typed without echo; when
// stdin is a pipe each answer is the next line of it (a script: `printf '%s\n' "$PW" | keyhold …`),
// so secrets never have to be on the command line, where `ps` shows them.

let piped: AsyncIterator<string> | null = null;

function pipedLines(): AsyncIterator<string> {
  piped ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  return piped;
}

/** True when answers can be typed (stdin is a terminal). */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true;
}

async function nextPipedLine(what: string): Promise<string> {
  const next = await pipedLines().next();
  if (next.done) throw new CliError(EXIT.usage, `No ${what}: type it in a terminal, pipe it on stdin or set its variable (keyhold login --help).`);
  return next.value as string;
}

function askTerminal(question: string, hidden: boolean): Promise<string> {
  let muted = false;
  // Echo goes to stderr so stdout stays clean for `keyhold get` in a pipe.
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl: Interface = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
    muted = hidden;
    rl.once('SIGINT', () => {
      rl.close();
      reject(new Error('Cancelled.'));
    });
  });
}

/** Asks for a value shown as typed. */
export function ask(question: string, what: string): Promise<string> {
  return canPrompt() ? askTerminal(question, false) : nextPipedLine(what);
}

/** Asks for a secret without echo (or reads the next line of a piped stdin). */
export function askSecret(question: string, what: string): Promise<string> {
  return canPrompt() ? askTerminal(question, true) : nextPipedLine(what);
}
