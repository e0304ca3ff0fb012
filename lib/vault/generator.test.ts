import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_OPTIONS,
  generatePassword,
  GeneratorOptionsError,
  passwordEntropyBits,
  passwordFromSets,
  setsEntropyBits,
  type CharacterClass,
  type PasswordOptions,
} from './generator';

const CLASS_PATTERNS: Record<CharacterClass, RegExp> = { lower: /[a-z]/, upper: /[A-Z]/, digits: /[0-9]/, symbols: /[^a-zA-Z0-9]/ };
const PRINTABLE_ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i));
const AMBIGUOUS = [...'0Oo1lI|`\''];
const classOf = (char: string) => (Object.keys(CLASS_PATTERNS) as CharacterClass[]).find((name) => CLASS_PATTERNS[name].test(char))!;
const only = (...names: CharacterClass[]): PasswordOptions['classes'] => ({ lower: false, upper: false, digits: false, symbols: false, ...Object.fromEntries(names.map((name) => [name, true])) });
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GeneratorOptionsError ? error.problem : error;
  }
  return 'no error';
};
const many = (count: number, options: Partial<PasswordOptions>) => Array.from({ length: count }, () => generatePassword(options));

/** Pearson's statistic: how far observed counts stray from the expected ones. */
function chiSquare(observed: Map<string, number>, expected: Map<string, number>): number {
  let statistic = 0;
  for (const [key, wanted] of expected) statistic += ((observed.get(key) ?? 0) - wanted) ** 2 / wanted;
  return statistic;
}
function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

describe('generatePassword', () => {
  it('makes 32 printable ASCII characters with every class by default', () => {
    const password = generatePassword();
    expect([...password]).toHaveLength(32);
    expect([...password].every((char) => PRINTABLE_ASCII.includes(char))).toBe(true);
    for (const pattern of Object.values(CLASS_PATTERNS)) expect(password).toMatch(pattern);
  });

  it('gives the exact length, every chosen class, no other class and no look-alikes when asked, for any options', () => {
    const classes = fc.record({ lower: fc.boolean(), upper: fc.boolean(), digits: fc.boolean(), symbols: fc.boolean() }).filter((chosen) => Object.values(chosen).some(Boolean));
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 128 }), classes, fc.boolean(), (length, chosen, avoidAmbiguous) => {
        const password = generatePassword({ length, classes: chosen, avoidAmbiguous });
        expect(password).toHaveLength(length);
        for (const name of Object.keys(CLASS_PATTERNS) as CharacterClass[]) expect(CLASS_PATTERNS[name].test(password)).toBe(chosen[name]);
        if (avoidAmbiguous) expect(AMBIGUOUS.filter((char) => password.includes(char))).toEqual([]);
      }),
      { seed: 606, numRuns: 300 },
    );
  });

  it('uses the look-alike characters unless told to avoid them', () => {
    // 12,800 draws from 94 characters: each one is missed with probability about e^-136.
    const text = many(100, { length: 128 }).join('');
    expect(AMBIGUOUS.filter((char) => !text.includes(char))).toEqual([]);
    const careful = many(100, { length: 128, avoidAmbiguous: true }).join('');
    expect(AMBIGUOUS.filter((char) => careful.includes(char))).toEqual([]);
  });

  it.each([
    [{ length: 3 }, 'lengthOutOfRange'],
    [{ length: 129 }, 'lengthOutOfRange'],
    [{ length: 12.5 }, 'lengthOutOfRange'],
    [{ length: Number.NaN }, 'lengthOutOfRange'],
    [{ classes: only() }, 'noCharacterClass'],
  ])('refuses %j with %s', (options, problem) => {
    expect(problemOf(() => generatePassword(options))).toBe(problem);
    expect(problemOf(() => passwordEntropyBits(options))).toBe(problem);
  });

  it('accepts the shortest and longest lengths', () => {
    expect(generatePassword({ length: 4 })).toHaveLength(4);
    expect(generatePassword({ length: 128 })).toHaveLength(128);
  });

  it('leaves the defaults alone when given options', () => {
    generatePassword({ length: 8, classes: only('digits') });
    expect(DEFAULT_PASSWORD_OPTIONS).toEqual({ length: 32, classes: only('lower', 'upper', 'digits', 'symbols'), avoidAmbiguous: false });
  });
});

describe('randomness of generated passwords', () => {
  // 1,000 passwords of 128 characters. Each holds one forced character per class plus 124 drawn
  // from all 94, so a character of class c is expected 1,000 × (1/|c| + 124/94) times. Honest
  // output gives a chi-square near 93 (its degrees of freedom); above 200 happens by chance less
  // than once in a billion runs. Folding random bytes onto 94 characters with `% 94` favours 68
  // characters 3:2 and scores about 3,400.
  it('draws every character as often as the one-per-class design predicts', () => {
    const sizes = tally(PRINTABLE_ASCII.map(classOf));
    const expected = new Map(PRINTABLE_ASCII.map((char) => [char, 1_000 * (1 / sizes.get(classOf(char))! + 124 / 94)]));
    const observed = tally(many(1_000, { length: 128 }).join(''));
    expect(chiSquare(observed, expected)).toBeLessThan(200);
  });

  // At length 4 each class appears once, so a password is one of 24 class orders. A biased shuffle
  // (or none) puts the forced characters in predictable places; 12,000 honest passwords give a
  // chi-square near 23, and above 100 with probability about 10^-11.
  it('puts the forced characters anywhere, in every order equally often', () => {
    const orders = many(12_000, { length: 4 }).map((password) => [...password].map((char) => classOf(char)[0]).join(''));
    const observed = tally(orders);
    expect(observed.size).toBe(24);
    const expected = new Map([...observed.keys()].map((order): [string, number] => [order, 500]));
    expect(chiSquare(observed, expected)).toBeLessThan(100);
  });
});

describe('passwordFromSets', () => {
  it('draws only from the given sets, each at least once', () => {
    const password = passwordFromSets(12, ['ab', '-', 'XYZ']);
    expect(password).toMatch(/^[abXYZ-]{12}$/);
    expect(password).toMatch(/[ab]/);
    expect(password).toContain('-');
    expect(password).toMatch(/[XYZ]/);
  });

  it.each([
    [2, ['ab', 'cd', 'ef'], 'lengthBelowRequiredSets'],
    [8, ['abc', 'cde'], 'overlappingSets'],
    [8, ['abc', ''], 'emptySet'],
    [8, [], 'noCharacterClass'],
    [0, ['abc'], 'lengthOutOfRange'],
  ])('refuses length %i from %j with %s', (length, sets, problem) => {
    expect(problemOf(() => passwordFromSets(length, sets))).toBe(problem);
    expect(problemOf(() => setsEntropyBits(length, sets))).toBe(problem);
  });
});

describe('entropy', () => {
  it.each([
    // One character of each class in one of 4! orders, all equally likely.
    ['4 characters, all classes', () => passwordEntropyBits({ length: 4 }), Math.log2(24 * 26 * 26 * 10 * 32)],
    ['10 lower-case letters', () => passwordEntropyBits({ length: 10, classes: only('lower') }), 10 * Math.log2(26)],
    // Length 3 from 'ab' and 'c': 'a' or 'b', then 'c', then one of 'abc', shuffled (6 orders) gives
    // 36 equally likely draws; 'aac' comes from 2 of them ('a' forced in either place), so the
    // likeliest passwords have probability 2/36.
    ['3 characters from "ab" and "c"', () => setsEntropyBits(3, ['ab', 'c']), Math.log2(18)],
  ])('%s', (_, bits, expected) => {
    expect(bits()).toBeCloseTo(expected, 9);
  });

  // Runs passwordFromSets once for every sequence of draws it can make — one per set, one per
  // remaining character, then Fisher–Yates from the last position down — and reads the likeliest
  // password's share of those equally likely runs.
  it.each([
    [4, ['ab', 'cd']],
    [5, ['abc', 'd']],
    [5, ['a', 'bc', 'd']],
  ])('matches the exact min-entropy of length %i from %j, found by trying every draw', (length, sets) => {
    const alphabetSize = sets.join('').length;
    const ranges = [...sets.map((set) => set.length), ...Array<number>(length - sets.length).fill(alphabetSize), ...Array.from({ length: length - 1 }, (_, i) => length - i)];
    const outcomes = new Map<string, number>();
    const draws = ranges.map(() => 0);
    for (let runs = ranges.reduce((product, range) => product * range, 1); runs > 0; runs--) {
      let next = 0;
      const password = passwordFromSets(length, sets, (values) => values.fill(draws[next++]!));
      outcomes.set(password, (outcomes.get(password) ?? 0) + 1);
      for (let i = 0; i < draws.length && ++draws[i]! === ranges[i]; i++) draws[i] = 0;
    }
    const likeliest = Math.max(...outcomes.values()) / [...outcomes.values()].reduce((sum, count) => sum + count, 0);
    expect(setsEntropyBits(length, sets)).toBeCloseTo(-Math.log2(likeliest), 9);
  });

  it('rates the default password just under 32 uniform draws from 94 characters', () => {
    const bits = passwordEntropyBits();
    expect(bits).toBeLessThan(32 * Math.log2(94));
    expect(bits).toBeGreaterThan(32 * Math.log2(94) - 1);
  });

  it('rises with length and falls when look-alikes are left out', () => {
    expect(passwordEntropyBits({ length: 33 })).toBeGreaterThan(passwordEntropyBits({ length: 32 }));
    expect(passwordEntropyBits({ avoidAmbiguous: true })).toBeLessThan(passwordEntropyBits());
  });
});
