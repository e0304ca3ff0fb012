import { describe, expect, it } from 'vitest';
import { context, entryKeyContext, itemFieldContext, segmentContext } from './contexts';

describe('contexts', () => {
  it('join their parts with "/"', () => {
    expect(itemFieldContext('v1', 'i1', 2, 'password')).toBe('item/v1/i1/2/password');
    expect(entryKeyContext('v1', 'i1', 3)).toBe('entry-key/v1/i1/3');
    expect(segmentContext('blob', 4, true)).toBe('blob/4/1');
  });

  // "item/a/b/1/c" must never be reachable from two different (vault, item, revision, field) tuples.
  it.each([['a/b'], [''], ['line\nbreak'], ['\u0000']])('refuse the part %j, which could make two places collide', (part) => {
    expect(() => context('item', part)).toThrow(RangeError);
    expect(() => itemFieldContext('vault', part, 1, 'password')).toThrow(RangeError);
    expect(() => itemFieldContext('vault', 'item', 1, part)).toThrow(RangeError);
  });
});
