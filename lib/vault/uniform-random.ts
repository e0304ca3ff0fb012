// Every random choice the generators make goes through here: one place that avoids modulo bias,
// and one source of randomness that tests can replace with scripted values.

/** Fills `values` with independent, uniformly random 32-bit integers. */
export type RandomSource = (values: Uint32Array) => void;

/** The platform's CSPRNG (WebCrypto), the same in the service worker, extension pages and Node. */
export const cryptoRandom: RandomSource = (values) => {
  crypto.getRandomValues(values);
};

const RANGE = 2 ** 32;

/** A uniformly random integer in [0, n); throws RangeError unless n is an integer from 1 to 2^32. */
export function randomBelow(n: number, random: RandomSource = cryptoRandom): number {
  if (!Number.isInteger(n) || n < 1 || n > RANGE) throw new RangeError(`randomBelow needs an integer from 1 to 2^32, not ${n}.`);
  // `draw % n` alone would favour the first RANGE % n results; drawing again whenever the draw
  // falls past the last whole multiple of n leaves every result equally likely.
  const limit = RANGE - (RANGE % n);
  const draw = new Uint32Array(1);
  for (;;) {
    random(draw);
    if (draw[0]! < limit) return draw[0]! % n;
  }
}

/** One element of `items` chosen uniformly at random; throws RangeError when `items` is empty. */
export function pickOne<T>(items: ArrayLike<T>, random: RandomSource = cryptoRandom): T {
  return items[randomBelow(items.length, random)]!;
}

/** Shuffles `items` in place so that every order is equally likely (Fisher–Yates) and returns it. */
export function shuffleInPlace<T>(items: T[], random: RandomSource = cryptoRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    // j may equal i: an element must be able to stay where it is, or some orders never happen.
    const j = randomBelow(i + 1, random);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
