import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, randomBytes, u32be, utf8 } from './bytes';
import { AuthenticationError, TruncatedError, UnknownVersionError } from './errors';
import { openFramed, sealFramed } from './framed';
import { decryptBytes, deriveSymmetricKey } from './symmetric';

const key = await deriveSymmetricKey(new Uint8Array(32).fill(7));
const otherKey = await deriveSymmetricKey(new Uint8Array(32).fill(8));
const CONTEXT = 'cache/https%3A%2F%2Fvault.acme.test/user-1/index/3/7';
const HEADER = 1 + 4 + utf8(CONTEXT).length;

describe('framed records', () => {
  it('round-trips any bytes and any context', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), async (plaintext, context) => {
        expect(await openFramed(key, context, await sealFramed(key, context, plaintext))).toEqual(plaintext);
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it('carries the same tag as the symmetric format, and stores the length of its context but not the context', async () => {
    const framed = await sealFramed(key, CONTEXT, utf8('the same construction'));
    expect(framed.subarray(1, 5)).toEqual(u32be(utf8(CONTEXT).length));
    expect(framed.subarray(5, HEADER).every((byte) => byte === 0)).toBe(true);
    const plain = concat(framed.subarray(0, 1), framed.subarray(HEADER));
    expect(new TextDecoder().decode(await decryptBytes(key, CONTEXT, plain))).toBe('the same construction');
  });

  it('refuses a record sealed for another place, of the same length or not', async () => {
    const generation6 = await sealFramed(key, 'cache/https%3A%2F%2Fvault.acme.test/user-1/index/3/6', utf8('an older generation'));
    const elsewhere = await sealFramed(key, 'cache/https%3A%2F%2Fvault.acme.test/user-1/directory/12', utf8('another record'));
    await expect(openFramed(key, CONTEXT, generation6)).rejects.toThrow(AuthenticationError);
    await expect(openFramed(key, CONTEXT, elsewhere)).rejects.toThrow(AuthenticationError);
  });

  it('refuses a wrong key', async () => {
    await expect(openFramed(otherKey, CONTEXT, await sealFramed(key, CONTEXT, utf8('secret')))).rejects.toThrow(AuthenticationError);
  });

  it('detects any flipped bit', async () => {
    const sealed = await sealFramed(key, CONTEXT, utf8('correct horse battery staple'));
    await fc.assert(
      fc.asyncProperty(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 7 }), async (index, bit) => {
        const tampered = sealed.slice();
        tampered[index]! ^= 1 << bit;
        if (index >= 5 && index < HEADER) {
          // The room for the context carries nothing: the reader writes the context over it.
          expect(new TextDecoder().decode(await openFramed(key, CONTEXT, tampered))).toBe('correct horse battery staple');
        } else {
          // The version byte names an unknown version; a changed context length leaves a body of the wrong size or room for another context.
          const expected = index === 0 ? [UnknownVersionError] : index < 5 ? [TruncatedError, AuthenticationError] : [AuthenticationError];
          await expect(openFramed(key, CONTEXT, tampered)).rejects.toSatisfy((error) => expected.some((type) => error instanceof type));
        }
      }),
      { seed: 22, numRuns: 150 },
    );
  });

  it('detects every truncation as truncated or unauthentic, never garbage', async () => {
    const sealed = await sealFramed(key, CONTEXT, randomBytes(40));
    for (let length = 0; length < sealed.length; length++) {
      await expect(openFramed(key, CONTEXT, sealed.slice(0, length))).rejects.toSatisfy((error) => error instanceof TruncatedError || error instanceof AuthenticationError);
    }
    await expect(openFramed(key, CONTEXT, sealed.slice(0, sealed.length - 16))).rejects.toThrow(AuthenticationError);
    await expect(openFramed(key, CONTEXT, sealed.slice(0, 3))).rejects.toThrow(TruncatedError);
  });

  it('reads a record that is a view into a larger buffer', async () => {
    const sealed = await sealFramed(key, CONTEXT, utf8('inside'));
    const larger = new Uint8Array(sealed.length + 10);
    larger.set(sealed, 7);
    expect(new TextDecoder().decode(await openFramed(key, CONTEXT, larger.subarray(7, 7 + sealed.length)))).toBe('inside');
  });
});
