import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_KEY_PATTERN, createAccessKey, parseAccessKey } from './access-keys';
import { AccessKeyFormatError } from './errors';

const key = await createAccessKey();
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('machine access keys', () => {
  it('parse back to the same id, token and wrapping key', async () => {
    expect(await parseAccessKey(key.text)).toEqual({ id: key.id, token: key.token, wrappingKey: key.wrappingKey });
  });

  it('have a recognisable shape that the scanner pattern finds in a log line', () => {
    expect(key.text).toMatch(/^khak1\.[\w-]{22}\.[\w-]{43}\.[\w-]{6}$/);
    expect(`export KEYHOLD_ACCESS_KEY=${key.text} # ci`.match(ACCESS_KEY_PATTERN)).toEqual([key.text]);
  });

  it('ignore surrounding whitespace, as env files leave it', async () => {
    expect((await parseAccessKey(`  ${key.text}\n`)).id).toBe(key.id);
  });

  it('derive a token and a wrapping key that differ, and differ between keys', async () => {
    const other = await createAccessKey();
    expect(other.token).not.toBe(key.token);
    expect(Buffer.from(key.wrappingKey).toString('base64url')).not.toBe(key.token);
  });

  it('catch any single mistyped character', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 6, max: key.text.length - 1 }), fc.constantFrom(...ALPHABET), async (index, replacement) => {
        fc.pre(key.text[index] !== replacement && key.text[index] !== '.');
        const typo = key.text.slice(0, index) + replacement + key.text.slice(index + 1);
        await expect(parseAccessKey(typo)).rejects.toThrow(AccessKeyFormatError);
      }),
      { seed: 4242, numRuns: 100 },
    );
  });

  it.each([
    ['', 'prefix'],
    ['ghp_abcdef', 'prefix'],
    [key.text.replace('khak1.', 'khak2.'), 'prefix'],
    [key.text.slice(0, key.text.lastIndexOf('.')), 'shape'],
    [`${key.text}.extra`, 'shape'],
    [key.text.replace(/\.[\w-]{43}\./, '.short.'), 'shape'],
    [key.text.replace(/^khak1\.[\w-]/, 'khak1.+'), 'shape'],
    [key.text.replace(/^khak1\.[\w-]/, 'khak1./'), 'shape'],
    [`${key.text.slice(0, -1)}=`, 'shape'],
    [key.text.slice(0, -6) + (key.text.endsWith('AAAAAA') ? 'AAAAAQ' : 'AAAAAA'), 'checksum'],
  ])('refuse %j (%s)', async (text, reason) => {
    await expect(parseAccessKey(text)).rejects.toMatchObject({ reason });
  });
});
