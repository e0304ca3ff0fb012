import { utf8 } from './bytes';
import type { Bytes } from './primitives';

// Signed and MAC'd structures are serialised canonically so every implementation produces the same
// bytes: JSON with object keys sorted by UTF-16 code units, no whitespace, strings escaped as
// JSON.stringify does, integers only (no floats, whose text forms differ between languages), and no
// undefined. This is the JSON Canonicalization Scheme (RFC 8785) restricted to integers.

/** A value that can be canonically encoded. */
export type Canonical = string | number | boolean | null | readonly Canonical[] | { readonly [key: string]: Canonical };

/** The canonical JSON text of `value`; throws RangeError for floats, unsafe integers or undefined. */
export function canonicalJson(value: Canonical): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`canonical JSON holds safe integers only, not ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item as Canonical)).join(',')}]`;
  if (typeof value !== 'object') throw new RangeError(`cannot canonicalise ${typeof value}`);
  const entries = Object.keys(value)
    .sort()
    .map((key) => {
      const item = (value as Record<string, Canonical | undefined>)[key];
      if (item === undefined) throw new RangeError(`canonical JSON has no undefined (key ${key})`);
      return `${JSON.stringify(key)}:${canonicalJson(item)}`;
    });
  return `{${entries.join(',')}}`;
}

/**
 * The bytes Keyhold signs or MACs for a structure of kind `purpose`: "keyhold/v1/<purpose>\n"
 * followed by its canonical JSON. The prefix keeps a signature over one kind of structure from
 * ever being accepted as another.
 */
export function signedBytes(purpose: string, value: Canonical): Bytes {
  return utf8(`keyhold/v1/${purpose}\n${canonicalJson(value)}`);
}
