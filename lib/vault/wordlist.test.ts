import { describe, expect, it } from 'vitest';
import { effLargeWordlist } from './wordlist';

describe('EFF large wordlist', () => {
  it('holds 7,776 different words, one for each roll of five dice', () => {
    expect(effLargeWordlist).toHaveLength(7_776);
    expect(new Set(effLargeWordlist).size).toBe(7_776);
  });

  it('is in the published order, so word 11111 is "abacus" and word 66666 is "zoom"', () => {
    expect(effLargeWordlist[0]).toBe('abacus');
    expect(effLargeWordlist.at(-1)).toBe('zoom');
  });

  it('has only lower-case words of 3 to 9 letters (hyphens allowed), so capitals and digits are ours', () => {
    expect(effLargeWordlist.filter((word) => !/^[a-z][a-z-]{2,8}$/.test(word))).toEqual([]);
  });

  // Without a prefix, words joined with no separator still split one way only, so the entropy of a
  // passphrase does not depend on its separator.
  it('has no word that begins another', () => {
    const sorted = [...effLargeWordlist].sort();
    expect(sorted.filter((word, i) => sorted[i + 1]?.startsWith(word))).toEqual([]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(effLargeWordlist)).toBe(true);
  });
});
