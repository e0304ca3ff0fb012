import { describe, expect, it } from 'vitest';
import { toBase64Url } from './bytes';
import { AuthenticationError, MalformedError, UnknownVersionError } from './errors';
import { masterKeyFromSeed } from './kdf';
import { generateUserKeys, importEncryptionPublicKey, openUserKeys, sealUserKeys, SIGNING_ALG } from './user-keys';

const master = await masterKeyFromSeed(new Uint8Array(32).fill(1));
const otherMaster = await masterKeyFromSeed(new Uint8Array(32).fill(2));
const generated = await generateUserKeys();
const sealed = await sealUserKeys(master.key, 'user-1', generated);

describe('user key pairs', () => {
  it('are sealed under the master key and open to working, non-extractable keys', async () => {
    const keys = await openUserKeys(master.key, 'user-1', sealed);
    expect(keys.encryption.privateKey.extractable).toBe(false);
    expect(keys.signing.privateKey.extractable).toBe(false);
    const label = new Uint8Array([1]);
    const ciphertext = await crypto.subtle.encrypt({ name: 'RSA-OAEP', label }, keys.encryption.publicKey, new Uint8Array(32));
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP', label }, keys.encryption.privateKey, ciphertext))).toEqual(new Uint8Array(32));
  });

  it('record their algorithm and public key in clear', () => {
    expect(sealed.encryption.alg).toBe('rsa-oaep-2048-sha256');
    expect(sealed.signing.alg).toBe('ecdsa-p256-sha256');
    expect(sealed.encryption.spki).toBe(toBase64Url(generated.encryption.spki));
  });

  it('do not open under another master key or for another user', async () => {
    await expect(openUserKeys(otherMaster.key, 'user-1', sealed)).rejects.toThrow(AuthenticationError);
    await expect(openUserKeys(master.key, 'user-2', sealed)).rejects.toThrow(AuthenticationError);
  });

  it('do not open when the server pairs a private key with another public key', async () => {
    const other = await generateUserKeys();
    const swapped = { ...sealed, signing: { ...sealed.signing, spki: toBase64Url(other.signing.spki) } };
    await expect(openUserKeys(master.key, 'user-1', swapped)).rejects.toThrow(AuthenticationError);
  });

  it('do not open when the server swaps the two slots', async () => {
    await expect(openUserKeys(master.key, 'user-1', { encryption: sealed.signing, signing: sealed.encryption })).rejects.toThrow(UnknownVersionError);
  });

  it('refuse public keys of another algorithm or size', async () => {
    await expect(importEncryptionPublicKey({ alg: SIGNING_ALG, spki: sealed.signing.spki })).rejects.toThrow(UnknownVersionError);
    await expect(importEncryptionPublicKey({ alg: 'rsa-oaep-2048-sha256', spki: sealed.signing.spki })).rejects.toThrow(MalformedError);
    const small = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
    const spki = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('spki', small.publicKey)));
    await expect(importEncryptionPublicKey({ alg: 'rsa-oaep-2048-sha256', spki })).rejects.toThrow(MalformedError);
  });
});
