import type { Command } from './command';
import { exportCommand } from './export';
import { getCommand } from './get';
import { helpCommand } from './help';
import { importCommand } from './import';
import { injectCommand } from './inject';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { lsCommand } from './ls';
import { runCommand } from './run';
import { versionCommand } from './version';

/** Every `keyhold` command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [loginCommand, logoutCommand, getCommand, runCommand, injectCommand, lsCommand, importCommand, exportCommand, versionCommand, helpCommand(() => COMMANDS)];

const ALIASES: Record<string, string> = { '--version': 'version', '-v': 'version', '--help': 'help', '-h': 'help' };

/** Finds the command `name` names (flags like `--help` included), or undefined. */
export function findCommand(name: string): Command | undefined {
  const resolved = ALIASES[name] ?? name;
  return COMMANDS.find((command) => command.name === resolved);
}
