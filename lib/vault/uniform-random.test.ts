import { describe, expect, it } from 'vitest';
import { pickOne, randomBelow, shuffleInPlace, type RandomSource } from './uniform-random';

/** Hands out `draws` in order, and fails the test if the code asks for more. */
function scripted(...draws: number[]): RandomSource & { used: () => number } {
  let next = 0;
  const source = (values: Uint32Array) => {
    for (let i = 0; i < values.length; i++) {
      if (next >= draws.length) throw new Error('asked for more randomness than scripted');
      values[i] = draws[next++]!;
    }
  };
  return Object.assign(source, { used: () => next });
}

const LAST_FULL_MULTIPLE_OF_94 = 2 ** 32 - (2 ** 32 % 94);

describe('randomBelow', () => {
  it('redraws 32-bit values past the last whole multiple of n instead of folding them onto small results', () => {
    const random = scripted(LAST_FULL_MULTIPLE_OF_94, 2 ** 32 - 1, 7);
    expect(randomBelow(94, random)).toBe(7);
    expect(random.used()).toBe(3);
  });

  it('keeps the largest value below that multiple, which maps to the last result', () => {
    const random = scripted(LAST_FULL_MULTIPLE_OF_94 - 1);
    expect(randomBelow(94, random)).toBe(93);
    expect(random.used()).toBe(1);
  });

  it('uses every 32-bit value when n divides 2^32', () => {
    expect(randomBelow(2 ** 32, scripted(2 ** 32 - 1))).toBe(2 ** 32 - 1);
    expect(randomBelow(256, scripted(2 ** 32 - 1))).toBe(255);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 32 + 1])('refuses n = %s', (n) => {
    expect(() => randomBelow(n, scripted(0))).toThrow(RangeError);
  });

  it('stays in range with the real generator', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => randomBelow(3)));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});

describe('pickOne', () => {
  it('can reach the first and the last element', () => {
    expect(pickOne(['first', 'middle', 'last'], scripted(0))).toBe('first');
    expect(pickOne(['first', 'middle', 'last'], scripted(2))).toBe('last');
  });

  it('refuses an empty list rather than returning undefined', () => {
    expect(() => pickOne([], scripted(0))).toThrow(RangeError);
  });
});

describe('shuffleInPlace', () => {
  // Fisher–Yates draws j from 0…i for i = n−1 down to 1. If each of the n! draw sequences gives a
  // different order, uniform draws give uniform orders; a shuffle that never lets an element stay
  // put (Sattolo's), or draws from the wrong range, fails this.
  it('turns each of the 24 possible draw sequences for four elements into a different order', () => {
    const orders = new Set<string>();
    for (let a = 0; a <= 3; a++) {
      for (let b = 0; b <= 2; b++) {
        for (let c = 0; c <= 1; c++) {
          const random = scripted(a, b, c);
          orders.add(shuffleInPlace(['w', 'x', 'y', 'z'], random).join(''));
          expect(random.used()).toBe(3);
        }
      }
    }
    expect(orders.size).toBe(24);
  });

  it('returns the same array, holding the same elements', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = shuffleInPlace(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
