import type { Format } from '../commands/flags';

// Named values printed for people (text), programs (json) and shells: `env` is POSIX shell
// (`export NAME='value'`, for `eval`), `dotenv` the .env format (`NAME="value"` with escapes).

/** A value and the variable name it would be exported under. */
export interface NamedValue {
  name: string;
  value: string;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function dotenvQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\$/g, '\\$')}"`;
}

/** The lines that print `values` in `format` (text: the values alone, one per line). */
export function formatValues(values: readonly NamedValue[], format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(Object.fromEntries(values.map(({ name, value }) => [name, value])), null, 2);
    case 'env':
      return values.map(({ name, value }) => `export ${name}=${shellQuote(value)}`).join('\n');
    case 'dotenv':
      return values.map(({ name, value }) => `${name}=${dotenvQuote(value)}`).join('\n');
    default:
      return values.map(({ value }) => value).join('\n');
  }
}
