import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readResolved, resolveReference } from '../../lib/vault/reference-resolver';
import { parseReference } from '../../lib/vault/secret-reference';
import { CliError, EXIT } from '../exit-codes';
import { openSession, readVaults } from '../session/open-session';
import type { Command } from './command';
import { parseFlags } from './flags';

const HELP = `Usage: keyhold inject -i TEMPLATE -o FILE

Copies TEMPLATE to FILE with every {{ keyhold://… }} replaced by the referenced value.
FILE is written with mode 0600 (readable by you only), replaced whole or not at all.
Without -i the template is read from stdin; without -o the result goes to stdout.

  -i, --in-file TEMPLATE   the template
  -o, --out-file FILE      where to write the result`;

/** A `{{ keyhold://… }}` placeholder; the reference is everything between the braces, trimmed. */
const PLACEHOLDER = /\{\{\s*(keyhold:\/\/.*?)\s*\}\}/g;

function readTemplate(file: string | undefined): string {
  try {
    return readFileSync(file ?? 0, 'utf8');
  } catch {
    throw new CliError(EXIT.usage, `Cannot read the template ${file ?? 'from stdin'}.`);
  }
}

function writePrivately(file: string, text: string): void {
  const temporary = `${file}.keyhold-${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** `keyhold inject`: fills a template's references in. */
export const injectCommand: Command = {
  name: 'inject',
  summary: 'fill {{ keyhold://… }} references of a template into a file (mode 0600)',
  help: HELP,
  run: async (args, output) => {
    const { values } = parseFlags('inject', args, { 'in-file': { type: 'string', short: 'i' }, 'out-file': { type: 'string', short: 'o' } }, false);
    const template = readTemplate(values['in-file']);
    const references = [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
    const readable = references.length > 0 ? await readVaults(await openSession()) : null;
    const valueOf = new Map<string, string>();
    for (const reference of references) valueOf.set(reference, await readResolved(readable!, resolveReference(readable!, parseReference(reference))));
    const filled = template.replace(PLACEHOLDER, (_, reference: string) => valueOf.get(reference)!);
    if (values['out-file']) writePrivately(values['out-file'], filled);
    else process.stdout.write(filled);
    if (values['out-file']) output.err(`keyhold: wrote ${values['out-file']} (${references.length} reference${references.length === 1 ? '' : 's'}).`);
    return EXIT.ok;
  },
};
