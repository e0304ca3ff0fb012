import type { Output } from './commands/command';
import { usage } from './commands/help';
import { COMMANDS, findCommand } from './commands/registry';
import { describeError } from './describe-error';
import { EXIT } from './exit-codes';

/** True when the flags before any `--` ask for help (what follows `--` belongs to `run`'s command). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** Runs the CLI for `argv` (arguments only) and resolves to the exit code (docs/cli.md, "Exit codes"). */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.out(usage(COMMANDS));
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    output.err(`keyhold: unknown command "${name}". Run "keyhold --help" for the list.`);
    return EXIT.usage;
  }
  if (asksForHelp(rest)) {
    output.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    const failure = describeError(error);
    output.err(`keyhold: ${failure.message}`);
    return failure.code;
  }
}
