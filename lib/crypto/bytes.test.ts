import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromBase64Url, fromHex, fromUtf8, toBase64Url, toHex } from './bytes';
import { MalformedError } from './errors';

describe('base64url', () => {
  it.each([
    ['', ''],
    ['66', 'Zg'],
    ['666f', 'Zm8'],
    ['666f6f', 'Zm9v'],
    ['fbff', '-_8'],
  ])('%s ↔ %j (RFC 4648 §10, url alphabet, no padding)', (hex, text) => {
    expect(toBase64Url(fromHex(hex))).toBe(text);
    expect(toHex(fromBase64Url(text))).toBe(hex);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it.each(['Zg==', 'Zm9v+', 'Zm/v', 'Z', 'Zh', 'Zm9', 'é'])('refuses %j (padding, other alphabet, bad length, non-zero tail bits)', (text) => {
    // 'Zh' and 'Zm9' have non-zero trailing bits: second spellings of 'Zg' and 'Zm8'.
    expect(() => fromBase64Url(text)).toThrow(MalformedError);
  });
});

describe('bytes helpers', () => {
  it('compares equal and unequal arrays, including different lengths', () => {
    expect(constantTimeEqual(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(constantTimeEqual(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(constantTimeEqual(fromHex('01'), fromHex('0102'))).toBe(false);
  });

  it('refuses invalid UTF-8 and hex', () => {
    expect(() => fromUtf8(new Uint8Array([0xc3, 0x28]))).toThrow(MalformedError);
    expect(() => fromHex('abc')).toThrow(MalformedError);
    expect(() => fromHex('zz')).toThrow(MalformedError);
  });
});
