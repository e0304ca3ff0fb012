import { describe, expect, it } from 'vitest';
import { escapeCefExtension, escapeCefHeader, formatCef } from './cef';

describe('ArcSight CEF', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['a\\b', 'a\\\\b'],
    ['\\|', '\\\\\\|'],
    // `=` needs no escape in the header; line breaks cannot be in it at all.
    ['a=b', 'a=b'],
    ['one\ntwo\r\nthree\rfour', 'one two three four'],
    ['ünïcødé ✓', 'ünïcødé ✓'],
  ])('escapes header field %j as %j', (value, expected) => {
    expect(escapeCefHeader(value)).toBe(expected);
  });

  it.each([
    ['a=b', 'a\\=b'],
    ['a\\b', 'a\\\\b'],
    // A pipe needs no escape in the extension.
    ['a|b', 'a|b'],
    ['one\ntwo', 'one\\ntwo'],
    ['one\r\ntwo', 'one\\ntwo'],
    ['one\rtwo', 'one\\rtwo'],
    ['{"login":"x=\\"y\\""}', '{"login":"x\\=\\\\"y\\\\""}'],
    ['ünïcødé 𝄞', 'ünïcødé 𝄞'],
  ])('escapes extension value %j as %j', (value, expected) => {
    expect(escapeCefExtension(value)).toBe(expected);
  });

  it('writes the header and the extensions it has values for, in order', () => {
    const line = formatCef({ vendor: 'Keyhold', product: 'Keyhold', version: '0.1.0', classId: 'login.failed', name: 'Login | failed', severity: 7, extensions: [['rt', 1], ['suid', null], ['act', 'a=b'], ['src', undefined], ['cs1Label', 'hash']] });
    expect(line).toBe('CEF:0|Keyhold|Keyhold|0.1.0|login.failed|Login \\| failed|7|rt=1 act=a\\=b cs1Label=hash');
  });

  it.each([[-1], [11], [2.5]])('refuses severity %d', (severity) => {
    expect(() => formatCef({ vendor: 'v', product: 'p', version: '1', classId: 'c', name: 'n', severity, extensions: [] })).toThrow(RangeError);
  });

  it('refuses an extension key that is not one word', () => {
    expect(() => formatCef({ vendor: 'v', product: 'p', version: '1', classId: 'c', name: 'n', severity: 1, extensions: [['bad key', 'x']] })).toThrow();
  });
});
