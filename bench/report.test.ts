import { describe, expect, it } from 'vitest';
import { figureLines, median, round } from './report';

describe('bench report', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  it('refuses the median of nothing', () => {
    expect(() => median([])).toThrow();
  });

  it.each([
    [1.0734, 1.07],
    [48712.4, 48712],
    [0.012345, 0.0123],
  ])('rounds %d to %d', (value, expected) => {
    expect(round(value)).toBe(expected);
  });

  it('prints figures in the fixed form', () => {
    expect(figureLines('crypto', [{ name: 'unlock_ratio', value: 1.0712, unit: 'x' }])).toEqual(['bench crypto.unlock_ratio 1.07 x']);
  });
});
