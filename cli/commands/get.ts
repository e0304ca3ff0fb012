import { parseTotpField } from '../../lib/cache/totp-field';
import { readResolved, resolveReference } from '../../lib/vault/reference-resolver';
import { parseReference } from '../../lib/vault/secret-reference';
import { totpCode } from '../../lib/vault/totp';
import { CliError, EXIT } from '../exit-codes';
import { formatValues } from '../run/format-values';
import { variableName } from '../run/variable-names';
import { openSession, readVaults } from '../session/open-session';
import type { Command } from './command';
import { FORMAT_OPTION, formatOf, parseFlags } from './flags';

const HELP = `Usage: keyhold get <reference>… [--totp] [--format text|json|env|dotenv]

Prints the value of each referenced field, e.g.
  keyhold get 'keyhold://Engineering/Servers/Build server/password'
References (docs/cli.md, "References"): keyhold://<vault>/<folder…>/<item>/<field>,
each segment a name or an id; percent-encode or "double-quote" awkward names.

      --totp            print the current one-time code of a TOTP field instead of its secret
  -f, --format FORMAT   text (values, one per line), json ({"NAME": value}),
                        env (export NAME='value') or dotenv (NAME="value")`;

/** `keyhold get`: prints referenced values (decrypted here, after every check). */
export const getCommand: Command = {
  name: 'get',
  summary: 'print the value of a field by reference (--totp: its current code)',
  help: HELP,
  run: async (args, output) => {
    const { values, positionals } = parseFlags('get', args, { ...FORMAT_OPTION, totp: { type: 'boolean' } });
    const format = formatOf('get', values.format);
    if (positionals.length === 0) throw new CliError(EXIT.usage, 'keyhold get needs a reference. Run "keyhold get --help".');
    const references = positionals.map(parseReference);
    const readable = await readVaults(await openSession());
    const named = [];
    for (const reference of references) {
      const resolved = resolveReference(readable, reference);
      const value = await readResolved(readable, resolved);
      if (values.totp && !(resolved.field.kind === 'sealed' && resolved.field.type === 'totp')) throw new CliError(EXIT.unknownReference, `--totp needs a TOTP field; "${reference.field}" is not one.`);
      const label = resolved.field.kind === 'login' ? 'login' : resolved.field.label;
      named.push({ name: variableName(resolved.item.name, label), value: values.totp ? totpCode(parseTotpField(value)) : value });
    }
    output.out(formatValues(named, format));
    return EXIT.ok;
  },
};
