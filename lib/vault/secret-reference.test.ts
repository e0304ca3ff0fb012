import { describe, expect, it } from 'vitest';
import { formatReference, isReference, parseReference, ReferenceSyntaxError } from './secret-reference';

describe('parseReference', () => {
  it.each([
    ['keyhold://Vault/Item/password', { vault: 'Vault', folders: [], item: 'Item', field: 'password' }],
    ['keyhold://Vault/A/B/Item/field', { vault: 'Vault', folders: ['A', 'B'], item: 'Item', field: 'field' }],
    ['keyhold://My%20Vault/Caf%C3%A9/API%20key', { vault: 'My Vault', folders: [], item: 'Café', field: 'API key' }],
    ['keyhold://My Vault/Café ☕/API key', { vault: 'My Vault', folders: [], item: 'Café ☕', field: 'API key' }],
    ['keyhold://"a/b"/"say \\"hi\\""/"back\\\\slash"', { vault: 'a/b', folders: [], item: 'say "hi"', field: 'back\\slash' }],
    ['keyhold://V/"%20"/f', { vault: 'V', folders: [], item: '%20', field: 'f' }],
    ['keyhold://V/a%2Fb/f', { vault: 'V', folders: [], item: 'a/b', field: 'f' }],
  ])('%s', (reference, expected) => {
    expect(parseReference(reference)).toEqual(expected);
  });

  it.each([
    ['vault://V/I/f', /no keyhold:\/\//],
    ['keyhold://V/f', /fewer than three segments/],
    ['keyhold://V//I/f', /empty segment/],
    ['keyhold://V/I/f/', /empty segment/],
    ['keyhold://V/"I/f', /unclosed quote/],
    ['keyhold://V/"I"x/f', /must be followed by "\/"/],
    ['keyhold://V/a"b/f', /quote inside a segment/],
    ['keyhold://V/"\\n"/f', /may be escaped/],
    ['keyhold://V/%zz/f', /malformed percent-encoding/],
    ['keyhold://V/%E2%28/f', /malformed percent-encoding/],
  ])('refuses %s', (reference, message) => {
    expect(() => parseReference(reference)).toThrow(ReferenceSyntaxError);
    expect(() => parseReference(reference)).toThrow(message);
  });

  it('formats what it parses back to an equal reference', () => {
    const reference = { vault: 'My Vault', folders: ['a/b', 'ü'], item: 'say "hi"', field: '100%' };
    const text = formatReference(reference);
    expect(text).toBe('keyhold://My%20Vault/a%2Fb/%C3%BC/say%20%22hi%22/100%25');
    expect(parseReference(text)).toEqual(reference);
  });

  it('tells references from plain values', () => {
    expect(isReference('keyhold://V/I/f')).toBe(true);
    expect(isReference(' keyhold://V/I/f')).toBe(false);
    expect(isReference('https://example.com')).toBe(false);
  });
});
