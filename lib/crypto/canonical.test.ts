import { describe, expect, it } from 'vitest';
import { fromUtf8 } from './bytes';
import { canonicalJson, signedBytes } from './canonical';

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ z: { d: 2, c: 1 }, '€': 0, A: -5 }, '{"A":-5,"z":{"c":1,"d":2},"€":0}'],
    ['line\nbreak "quoted" \u0001', '"line\\nbreak \\"quoted\\" \\u0001"'],
    [[], '[]'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same bytes whatever order keys were inserted in', () => {
    expect(canonicalJson({ login: 'a', userId: 'u' })).toBe(canonicalJson({ userId: 'u', login: 'a' }));
  });

  it.each([[1.5], [2 ** 60], [Number.NaN], [{ a: undefined }]])('refuses %j', (value) => {
    expect(() => canonicalJson(value as never)).toThrow(RangeError);
  });

  it('prefixes the purpose so one kind of structure can never pass for another', () => {
    expect(fromUtf8(signedBytes('key-wrap', { a: 1 }))).toBe('keyhold/v1/key-wrap\n{"a":1}');
  });
});
