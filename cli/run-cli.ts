import type { Output } from './commands/command';
import { usage } from './commands/help';
import { COMMANDS, findCommand } from './commands/registry';

/** Runs the CLI for `argv` (arguments only) and resolves to the exit code: 0 ok, 1 failure, 2 usage. */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.out(usage(COMMANDS));
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    output.err(`keyhold: unknown command "${name}". Run "keyhold --help" for the list.`);
    return 2;
  }
  return command.run(rest, output);
}
