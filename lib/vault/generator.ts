import { cryptoRandom, pickOne, shuffleInPlace, type RandomSource } from './uniform-random';

/** A kind of character a generated password can be asked to contain. */
export type CharacterClass = 'lower' | 'upper' | 'digits' | 'symbols';

/** How to generate a password; every class switched on appears at least once. */
export interface PasswordOptions {
  length: number;
  classes: Record<CharacterClass, boolean>;
  /** Leave out characters that are easily misread or mistyped (0 O o, 1 l I |, ` '). */
  avoidAmbiguous: boolean;
}

/** The lengths the generator accepts, and the one it uses unless told otherwise. */
export const PASSWORD_LENGTH = Object.freeze({ min: 4, max: 128, default: 32 });

/** 32 characters from all four classes, look-alikes included. */
export const DEFAULT_PASSWORD_OPTIONS: Readonly<PasswordOptions> = Object.freeze({
  length: PASSWORD_LENGTH.default,
  classes: Object.freeze({ lower: true, upper: true, digits: true, symbols: true }),
  avoidAmbiguous: false,
});

const CLASS_CHARACTERS: Record<CharacterClass, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  // All printable ASCII symbols but the space, which forms trim and which cannot be seen.
  symbols: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

const AMBIGUOUS = new Set('0Oo1lI|`\'');

/** What makes generator options impossible to satisfy; stable, so the UI can word each one. */
export type GeneratorOptionsProblem =
  | 'lengthOutOfRange'
  | 'noCharacterClass'
  | 'emptySet'
  | 'overlappingSets'
  | 'lengthBelowRequiredSets'
  | 'wordCountOutOfRange';

/** Thrown for options no password or passphrase can meet; `problem` says which. */
export class GeneratorOptionsError extends Error {
  constructor(
    readonly problem: GeneratorOptionsProblem,
    message: string,
  ) {
    super(message);
    this.name = 'GeneratorOptionsError';
  }
}

function characterSetsFor(options: PasswordOptions): string[] {
  const { length, classes, avoidAmbiguous } = options;
  if (!Number.isInteger(length) || length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    throw new GeneratorOptionsError('lengthOutOfRange', `The length must be a whole number from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max}.`);
  }
  const chosen = (Object.keys(CLASS_CHARACTERS) as CharacterClass[]).filter((name) => classes[name]);
  if (chosen.length === 0) throw new GeneratorOptionsError('noCharacterClass', 'Choose at least one kind of character.');
  return chosen.map((name) => [...CLASS_CHARACTERS[name]].filter((char) => !avoidAmbiguous || !AMBIGUOUS.has(char)).join(''));
}

function validatedSets(length: number, sets: readonly string[]): string[][] {
  if (!Number.isInteger(length) || length < 1) throw new GeneratorOptionsError('lengthOutOfRange', 'The length must be a positive whole number.');
  if (sets.length === 0) throw new GeneratorOptionsError('noCharacterClass', 'At least one character set is needed.');
  const groups = sets.map((set) => [...new Set(set)]);
  if (groups.some((group) => group.length === 0)) throw new GeneratorOptionsError('emptySet', 'Every character set needs a character.');
  const all = groups.flat();
  // The entropy count assumes each character belongs to one set; overlapping rules are merged by the caller.
  if (new Set(all).size !== all.length) throw new GeneratorOptionsError('overlappingSets', 'The character sets share characters.');
  if (length < groups.length) throw new GeneratorOptionsError('lengthBelowRequiredSets', `A password of ${length} characters cannot hold one of each of ${groups.length} sets.`);
  return groups;
}

/**
 * A random password of `length` characters from the union of `sets` with at least one character of
 * each set; throws GeneratorOptionsError when impossible. The core for rules beyond the four classes.
 */
export function passwordFromSets(length: number, sets: readonly string[], random: RandomSource = cryptoRandom): string {
  const groups = validatedSets(length, sets);
  const alphabet = groups.flat();
  // One character per set guarantees every set is present; the shuffle then hides which positions
  // were forced, so an attacker cannot assume "the first character is lower case".
  const forced = groups.map((group) => pickOne(group, random));
  const rest = Array.from({ length: length - groups.length }, () => pickOne(alphabet, random));
  return shuffleInPlace([...forced, ...rest], random).join('');
}

function log2FallingFactorial(n: number, k: number): number {
  let bits = 0;
  for (let i = 0; i < k; i++) bits += Math.log2(n - i);
  return bits;
}

/**
 * Min-entropy in bits of `passwordFromSets(length, sets)`: the best single guess succeeds with
 * probability 2^-bits. Throws GeneratorOptionsError like `passwordFromSets`.
 */
export function setsEntropyBits(length: number, sets: readonly string[]): number {
  const groups = validatedSets(length, sets);
  const k = groups.length;
  const alphabetSize = groups.reduce((size, group) => size + group.length, 0);
  // A password s comes out with probability M(s)·(L−k)!/L!·Π(1/|set|)·|alphabet|^−(L−k), where
  // M(s) is the product over sets of how many of s's characters are in that set (the places the
  // forced characters could have landed). M is largest when the L characters spread evenly.
  const spread = Math.floor(length / k);
  const withOneMore = length % k;
  const log2LargestM = (k - withOneMore) * Math.log2(spread) + withOneMore * Math.log2(spread + 1);
  const forcedBits = groups.reduce((bits, group) => bits + Math.log2(group.length), 0);
  return forcedBits + (length - k) * Math.log2(alphabetSize) + log2FallingFactorial(length, k) - log2LargestM;
}

/** A random password for `options` (missing ones from the defaults); throws GeneratorOptionsError. */
export function generatePassword(options: Partial<PasswordOptions> = {}, random: RandomSource = cryptoRandom): string {
  const resolved = { ...DEFAULT_PASSWORD_OPTIONS, ...options };
  return passwordFromSets(resolved.length, characterSetsFor(resolved), random);
}

/** Min-entropy in bits of a password generated with `options`; throws GeneratorOptionsError. */
export function passwordEntropyBits(options: Partial<PasswordOptions> = {}): number {
  const resolved = { ...DEFAULT_PASSWORD_OPTIONS, ...options };
  return setsEntropyBits(resolved.length, characterSetsFor(resolved));
}
