import { CliError, EXIT } from '../exit-codes';
import { isVariableName } from './variable-names';

// The .env files `run --env-file` reads: `NAME=value` lines, `export NAME=value` too, `#` comments
// and blank lines skipped; a value may be 'single-quoted' (literal) or "double-quoted" (with \n,
// \", \\ escapes). Values that are references are resolved by `run`, the rest passed as they are.

function unquote(raw: string, file: string, line: number): string {
  const value = raw.trim();
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2) throw new CliError(EXIT.usage, `${file}:${line}: unclosed single quote.`);
    return value.slice(1, -1);
  }
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) throw new CliError(EXIT.usage, `${file}:${line}: unclosed double quote.`);
    return value.slice(1, -1).replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char === 'r' ? '\r' : char));
  }
  // An unquoted value ends at a comment that follows whitespace.
  return value.replace(/\s+#.*$/, '');
}

/** The variables in the text of an env file; throws CliError(usage) naming the bad line. */
export function parseEnvFile(text: string, file: string): Map<string, string> {
  const variables = new Map<string, string>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const statement = line.replace(/^export\s+/, '');
    const equals = statement.indexOf('=');
    const name = equals === -1 ? '' : statement.slice(0, equals).trim();
    if (!isVariableName(name)) throw new CliError(EXIT.usage, `${file}:${index + 1}: expected NAME=value.`);
    variables.set(name, unquote(statement.slice(equals + 1), file, index + 1));
  });
  return variables;
}
