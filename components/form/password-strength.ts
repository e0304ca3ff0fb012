// A rough, dependency-free estimate for the sign-up meters: zxcvbn would cost the popup about 400 KB.
// It guesses the character pool from the classes present, counts a letter that continues a word at
// half weight (people type words, not random letters), and repeats and runs ("aaaa", "1234") at a
// quarter. It knows no dictionary, so it still overrates common words; the policy applies on top.

/** 0 (very weak) to 4 (very strong), the five labels the meter shows. */
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

const POOLS: ReadonlyArray<[RegExp, number]> = [
  [/\p{Ll}/u, 26],
  [/\p{Lu}/u, 26],
  [/\p{Nd}/u, 10],
  [/[^\p{L}\p{Nd}]/u, 33],
  // Letters outside ASCII widen the pool further (accents, other scripts).
  [/[^\p{ASCII}]/u, 100],
];

function poolSize(characters: readonly string[]): number {
  const text = characters.join('');
  return POOLS.reduce((size, [pattern, count]) => (pattern.test(text) ? size + count : size), 0);
}

const LETTER = /\p{L}/u;

/** One character's weight after `previous`: a quarter for a repeat or run, half inside a word, else 1. */
function weight(previous: string | undefined, character: string): number {
  if (previous === undefined) return 1;
  if (Math.abs(character.codePointAt(0)! - previous.codePointAt(0)!) <= 1) return 0.25;
  return LETTER.test(previous) && LETTER.test(character) ? 0.5 : 1;
}

function effectiveLength(characters: readonly string[]): number {
  return characters.reduce((length, character, i) => length + weight(characters[i - 1], character), 0);
}

/** Estimated bits of entropy of a password a person chose. */
export function estimateStrengthBits(password: string): number {
  const characters = [...password];
  if (characters.length === 0) return 0;
  return effectiveLength(characters) * Math.log2(poolSize(characters));
}

/**
 * The meter's level for `bits` of entropy: under 28 is very weak, 80 and more very strong. The
 * generator's exact entropy uses the same scale: a five-word passphrase (64.6 bits) reads "strong".
 */
export function strengthLevel(bits: number): StrengthLevel {
  if (bits < 28) return 0;
  if (bits < 45) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}
