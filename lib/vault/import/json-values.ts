// Reading a JSON export defensively: any value may be missing or of another type in a hand-edited
// or older file, and a parser must turn that into a skipped record, never a crash.

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, number or boolean as text; '' for anything else. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** The value as a list; [] when it is not one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
