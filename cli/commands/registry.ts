import type { Command } from './command';
import { helpCommand } from './help';
import { versionCommand } from './version';

/** Every `keyhold` command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [versionCommand, helpCommand(() => COMMANDS)];

const ALIASES: Record<string, string> = { '--version': 'version', '-v': 'version', '--help': 'help', '-h': 'help' };

/** Finds the command `name` names (flags like `--help` included), or undefined. */
export function findCommand(name: string): Command | undefined {
  const resolved = ALIASES[name] ?? name;
  return COMMANDS.find((command) => command.name === resolved);
}
