import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { AuthenticationError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { decryptBytes, decryptString, deriveSymmetricKey, encryptBytes, encryptString } from './symmetric';

const key = await deriveSymmetricKey(new Uint8Array(32).fill(7));
const otherKey = await deriveSymmetricKey(new Uint8Array(32).fill(8));
const CONTEXT = 'item/vault-1/item-1/1/password';

describe('symmetric format', () => {
  it('round-trips any bytes and any context', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), async (plaintext, context) => {
        expect(await decryptBytes(key, context, await encryptBytes(key, context, plaintext))).toEqual(plaintext);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('round-trips strings in the text form, including the empty string and unicode', async () => {
    for (const text of ['', 'hunter2', 'пароль 🔑 密码']) expect(await decryptString(key, CONTEXT, await encryptString(key, CONTEXT, text))).toBe(text);
  });

  it('uses a fresh IV each time, so equal passwords do not look equal', async () => {
    expect(await encryptString(key, CONTEXT, 'same')).not.toBe(await encryptString(key, CONTEXT, 'same'));
  });

  it('detects any flipped bit', async () => {
    const sealed = await encryptBytes(key, CONTEXT, utf8('correct horse battery staple'));
    await fc.assert(
      fc.asyncProperty(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 7 }), async (index, bit) => {
        const tampered = sealed.slice();
        tampered[index]! ^= 1 << bit;
        // Byte 0 is the version: flipping it is an unknown version, anything else fails the MAC.
        await expect(decryptBytes(key, CONTEXT, tampered)).rejects.toThrow(index === 0 ? UnknownVersionError : AuthenticationError);
      }),
      { seed: 12, numRuns: 100 },
    );
  });

  it('detects every truncation as truncated or unauthentic, never garbage', async () => {
    const sealed = await encryptBytes(key, CONTEXT, randomBytes(40));
    for (let length = 0; length < sealed.length; length++) {
      await expect(decryptBytes(key, CONTEXT, sealed.slice(0, length))).rejects.toSatisfy((error) => error instanceof TruncatedError || error instanceof AuthenticationError);
    }
    // A cut at a block boundary keeps a plausible length: the MAC catches it.
    await expect(decryptBytes(key, CONTEXT, sealed.slice(0, sealed.length - 16))).rejects.toThrow(AuthenticationError);
    await expect(decryptBytes(key, CONTEXT, sealed.slice(0, 10))).rejects.toThrow(TruncatedError);
  });

  it('refuses a wrong key and a wrong context (a ciphertext moved to another field)', async () => {
    const sealed = await encryptBytes(key, CONTEXT, utf8('secret'));
    await expect(decryptBytes(otherKey, CONTEXT, sealed)).rejects.toThrow(AuthenticationError);
    await expect(decryptBytes(key, 'item/vault-1/item-1/1/notes', sealed)).rejects.toThrow(AuthenticationError);
    await expect(decryptBytes(key, 'item/vault-1/item-2/1/password', sealed)).rejects.toThrow(AuthenticationError);
    await expect(decryptBytes(key, 'item/vault-1/item-1/2/password', sealed)).rejects.toThrow(AuthenticationError);
  });

  it('names an unknown version, a truncation and a malformed text apart', async () => {
    const sealed = await encryptBytes(key, CONTEXT, utf8('secret'));
    await expect(decryptBytes(key, CONTEXT, new Uint8Array([2, ...sealed.slice(1)]))).rejects.toThrow(UnknownVersionError);
    await expect(decryptBytes(key, CONTEXT, new Uint8Array(0))).rejects.toThrow(TruncatedError);
    await expect(decryptString(key, CONTEXT, 'not base64!')).rejects.toThrow(MalformedError);
    expect(toBase64Url(fromBase64Url(toBase64Url(sealed)))).toBe(toBase64Url(sealed));
  });
});
