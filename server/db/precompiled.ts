import type { Compilable, Kysely, Transaction } from 'kysely';
import type { Reader } from './database';
import type { Tables } from './tables';

// For the few reads every request makes: building and compiling a Kysely query costs more than
// SQLite takes to run it. The query is built once with marker values standing for its arguments;
// each call runs the same SQL text on the Reader (committed data, no transaction) with the
// arguments put where the markers were.

const marker = (index: number) => `\u0000argument ${index}\u0000`;

/** A read compiled once with `db`'s dialect and run on `reader`; call it with the arguments `build` receives. */
export function precompiled<Row, Args extends string[]>(db: Kysely<Tables> | Transaction<Tables>, reader: Reader, arity: Args['length'], build: (...args: Args) => Compilable<Row>): (...args: Args) => Promise<Row[]> {
  const markers = Array.from({ length: arity }, (_, index) => marker(index));
  const compiled = build(...(markers as Args)).compile();
  const slots = compiled.parameters.map((parameter) => markers.indexOf(parameter as string));
  if (markers.some((_, index) => !slots.includes(index))) throw new Error('every argument must be a query parameter');
  return async (...args) => {
    const parameters = compiled.parameters.map((parameter, index) => (slots[index]! >= 0 ? args[slots[index]!] : parameter));
    return reader.rows<Row>(compiled.sql, parameters);
  };
}
