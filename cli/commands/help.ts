import type { Command, Output } from './command';

/** Builds the usage text from the registered commands, so help can never list one that is missing. */
export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: keyhold <command> [options]',
    '',
    'Secrets from your Keyhold vaults for people, scripts and CI jobs,',
    'decrypted on this machine and never on the server.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -v, --version  print the version',
    '',
    'Run "keyhold <command> --help" for a command\'s options; docs/cli.md has everything.',
  ].join('\n');
}

/** `keyhold help` (also `--help`, `-h`): prints the usage. */
export function helpCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'show this help',
    help: 'Usage: keyhold help\n\nLists the commands. "keyhold <command> --help" explains one.',
    run: async (_args: string[], output: Output) => {
      output.out(usage(commands()));
      return 0;
    },
  };
}
