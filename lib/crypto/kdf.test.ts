import { describe, expect, it } from 'vitest';
import { fromHex, toBase64Url } from './bytes';
import { KdfParametersError, UnknownVersionError } from './errors';
import { checkKdfParams, deriveMasterKey, KDF_MIN_ITERATIONS, newKdfParams, type KdfParams } from './kdf';
import { decryptString, encryptString } from './symmetric';

const params: KdfParams = { version: 1, algorithm: 'pbkdf2-sha256', iterations: KDF_MIN_ITERATIONS, salt: toBase64Url(fromHex('00'.repeat(16))) };

describe('master key derivation', () => {
  it('gives the same key and hash for the same password and parameters', async () => {
    const first = await deriveMasterKey('correct horse', params);
    const second = await deriveMasterKey('correct horse', params);
    expect(first.hash).toBe(second.hash);
    expect(first.bytes).toEqual(second.bytes);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a key from another password cannot read what the first wrote', async () => {
    const right = await deriveMasterKey('correct horse', params);
    const wrong = await deriveMasterKey('correct hors', params);
    expect(wrong.hash).not.toBe(right.hash);
    const sealed = await encryptString(right.key, 'user/u1/test', 'private');
    await expect(decryptString(wrong.key, 'user/u1/test', sealed)).rejects.toThrow('wrong key, or tampered');
  });

  it('normalises the password to NFC, so composed and decomposed "é" unlock alike', async () => {
    expect((await deriveMasterKey('caf\u00e9', params)).hash).toBe((await deriveMasterKey('cafe\u0301', params)).hash);
  });
});

describe('KDF parameters from the server', () => {
  it('new accounts get 600,000 iterations and a 32-byte salt', () => {
    const fresh = newKdfParams();
    expect(fresh.iterations).toBe(600_000);
    expect(Buffer.from(fresh.salt, 'base64url')).toHaveLength(32);
    expect(newKdfParams().salt).not.toBe(fresh.salt);
  });

  it.each([
    [{ ...params, iterations: 299_999 }, KdfParametersError],
    [{ ...params, iterations: 1 }, KdfParametersError],
    [{ ...params, iterations: 10_000_001 }, KdfParametersError],
    [{ ...params, iterations: 300_000.5 }, KdfParametersError],
    [{ ...params, algorithm: 'md5' }, KdfParametersError],
    [{ ...params, salt: toBase64Url(new Uint8Array(15)) }, KdfParametersError],
    [{ ...params, salt: undefined }, KdfParametersError],
    [{ ...params, version: 2 }, UnknownVersionError],
    [null, UnknownVersionError],
  ])('refuses %j', (bad, errorClass) => {
    expect(() => checkKdfParams(bad)).toThrow(errorClass);
  });

  it('refuses weak parameters before doing any work', async () => {
    await expect(deriveMasterKey('pw', { ...params, iterations: 1000 })).rejects.toThrow(KdfParametersError);
  });
});
