// The environment variable a selected field is exported under by `run --vault` (docs/cli.md,
// "Variable names"): ITEM_FIELD in upper case, letters with accents folded to ASCII, every other
// character an underscore, runs of underscores collapsed, and a leading underscore when it would
// start with a digit — so any name gives a variable every shell accepts.

function part(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The variable name of field `field` of item `item`. */
export function variableName(item: string, field: string): string {
  const name = [part(item), part(field)].filter((piece) => piece !== '').join('_') || 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** True when `name` is a portable environment variable name. */
export function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
