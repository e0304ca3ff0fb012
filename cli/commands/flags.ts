import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from '../exit-codes';

// The flags every command shares, and the one way commands parse theirs: unknown flags and missing
// values are usage errors (exit 2), never ignored.

export const FORMATS = ['text', 'json', 'env', 'dotenv'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_OPTION = { format: { type: 'string', short: 'f' } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/** `args` parsed against `options`; throws CliError(usage) with the parser's reason. */
export function parseFlags<T extends Options>(command: string, args: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `${error instanceof Error ? error.message : String(error)}. Run "keyhold ${command} --help".`);
  }
}

/** The --format value, checked against the formats `allowed`. */
export function formatOf(command: string, value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const format = (value ?? 'text') as Format;
  if (!allowed.includes(format)) throw new CliError(EXIT.usage, `keyhold ${command} --format takes ${allowed.join(', ')}.`);
  return format;
}
