import { describe, expect, it } from 'vitest';
import { blockDuration } from './throttle';

describe('progressive login delays', () => {
  it.each([
    [1, 5, 0],
    [5, 5, 0],
    [6, 5, 1000],
    [7, 5, 2000],
    [10, 5, 16_000],
    [30, 5, 15 * 60 * 1000],
    [20, 20, 0],
    [21, 20, 1000],
  ])('%d failures with %d free → %d ms', (failures, free, expected) => {
    expect(blockDuration(failures, free)).toBe(expected);
  });
});
