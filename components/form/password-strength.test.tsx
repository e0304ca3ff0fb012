import { describe, expect, it } from 'vitest';
import { estimateStrengthBits, strengthLevel } from './password-strength';

describe('password strength estimate', () => {
  it.each([
    ['', 0],
    ['aaaaaaaaaaaa', 0],
    ['abcdefghijkl', 0],
    ['123456789012', 0],
    ['sunflower', 0],
    ['Sunflower7', 1],
    ['Sunflower7!', 2],
    ['correct horse battery', 3],
    ['q8#Lz!2vR@x9', 3],
    ['Tr0ub4dor&3-correct-horse', 4],
  ] as const)('rates %j at level %i', (password, level) => {
    expect(strengthLevel(estimateStrengthBits(password))).toBe(level);
  });

  it('weighs random characters above a word of the same length', () => {
    expect(estimateStrengthBits('xq7vbk')).toBeGreaterThan(estimateStrengthBits('kettle'));
  });

  it('puts a five-word generated passphrase (64.6 bits) at strong and 32 random characters at very strong', () => {
    expect(strengthLevel(5 * Math.log2(7776))).toBe(3);
    expect(strengthLevel(200)).toBe(4);
  });
});
