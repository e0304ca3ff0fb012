import { readFileSync } from 'node:fs';
import { readResolved, resolveReference } from '../../lib/vault/reference-resolver';
import type { ReadableVaults } from '../../lib/vault/readable-vaults';
import { isReference, parseReference } from '../../lib/vault/secret-reference';
import { CliError, EXIT } from '../exit-codes';
import { runChild } from '../run/child-process';
import { parseEnvFile } from '../run/env-file';
import { selectedFields, selectItems } from '../run/selection';
import { openSession, readVaults } from '../session/open-session';
import type { Command } from './command';
import { parseFlags } from './flags';

const HELP = `Usage: keyhold run [--env-file FILE]… [--vault V [--folder F] [--tags T,…]] -- <command> [args…]

Runs <command> with secrets in its environment, masked in its output:
  - every environment variable (yours, or from --env-file) whose value is a
    keyhold:// reference gets the referenced value;
  - --vault exports every field of the selected items as ITEM_FIELD (docs/cli.md,
    "Variable names"); --folder narrows to a folder path, --tags to items with all tags.
Injected values are replaced by <concealed by keyhold> in the command's stdout and stderr.
keyhold exits with the command's exit code.

      --env-file FILE   read NAME=value lines (repeatable; later files win)
      --vault V         a vault name or id to export
      --folder PATH     a folder path inside it, e.g. Servers/Build
      --tags T1,T2      only items that carry every one of these tags`;

/** Variables keyhold reads itself: never handed to the child, which does not need them to log in. */
const KEYHOLD_SECRETS = ['KEYHOLD_MASTER_PASSWORD', 'KEYHOLD_LOGIN_PASSWORD', 'KEYHOLD_ACCESS_KEY', 'KEYHOLD_TOTP'];

const OPTIONS = {
  'env-file': { type: 'string', multiple: true },
  vault: { type: 'string' },
  folder: { type: 'string' },
  tags: { type: 'string' },
} as const;

function baseEnvironment(envFiles: readonly string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of KEYHOLD_SECRETS) delete env[name];
  for (const file of envFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new CliError(EXIT.usage, `Cannot read the env file ${file}.`);
    }
    for (const [name, value] of parseEnvFile(text, file)) env[name] = value;
  }
  return env;
}

async function resolveReferences(readable: ReadableVaults, env: NodeJS.ProcessEnv, secrets: string[]): Promise<void> {
  const references = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && isReference(entry[1]));
  // Parsed and resolved first, so a bad reference fails before anything is decrypted.
  const resolved = references.map(([name, value]) => [name, resolveReference(readable, parseReference(value))] as const);
  const values = await Promise.all(resolved.map(([, field]) => readResolved(readable, field)));
  resolved.forEach(([name], index) => {
    env[name] = values[index]!;
    secrets.push(values[index]!);
  });
}

/** `keyhold run`: resolves references into the environment and runs the command with its output masked. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run a command with secrets in its environment, masked in its output',
  help: HELP,
  run: async (args) => {
    const { values, positionals } = parseFlags('run', args, OPTIONS);
    if (positionals.length === 0) throw new CliError(EXIT.usage, 'keyhold run needs a command after "--". Run "keyhold run --help".');
    if ((values.folder || values.tags) && !values.vault) throw new CliError(EXIT.usage, '--folder and --tags select inside a vault: add --vault.');
    const env = baseEnvironment(values['env-file'] ?? []);
    const secrets: string[] = [];
    const needsVaults = values.vault !== undefined || Object.values(env).some((value) => value !== undefined && isReference(value));
    if (needsVaults) {
      const readable = await readVaults(await openSession());
      if (values.vault) {
        const { vault, items } = selectItems(readable, { vault: values.vault, folder: values.folder, tags: values.tags?.split(',').map((tag) => tag.trim()).filter(Boolean) });
        for (const field of selectedFields(readable, vault, items)) {
          env[field.variable] = field.reference;
        }
      }
      await resolveReferences(readable, env, secrets);
    }
    return runChild(positionals, env, secrets);
  },
};
