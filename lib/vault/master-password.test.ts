import { describe, expect, it } from 'vitest';
import { AuthenticationError, KdfParametersError, UnknownVersionError } from '../crypto/errors';
import { deriveMasterKey, KDF_MAX_ITERATIONS, KDF_MIN_ITERATIONS, masterKeyFromSeed, newKdfParams, type KdfParams } from '../crypto/kdf';
import { generateUserKeys, openUserKeys, sealUserKeys } from '../crypto/user-keys';
import { kdfUpgradeParams, nextKdfParams, prepareMasterPasswordChange } from './master-password';
import { PasswordChoiceError } from './owner-setup';

// The current master key comes straight from a seed (no PBKDF2); the new one is derived for real,
// at the floor, as a change does.
const current = await masterKeyFromSeed(new Uint8Array(32).fill(1));
const stranger = await masterKeyFromSeed(new Uint8Array(32).fill(2));
const generated = await generateUserKeys();
const sealedKeys = await sealUserKeys(current.key, 'user-1', generated);
const kdf = newKdfParams(KDF_MIN_ITERATIONS);
const NEW_PASSWORD = 'A New Master Password 2027';
const rules = { minLength: 14, requireUppercase: true, requireDigits: true, requireSpecial: false };

const change = await prepareMasterPasswordChange({ userId: 'user-1', currentMaster: current, sealedKeys, newPassword: NEW_PASSWORD, kdf, rules });
const resealed = { encryption: change.body.encryptionKey, signing: change.body.signingKey };

describe('preparing a master password change', () => {
  it('sends the new record and the hash of the key derived from the new password', async () => {
    expect(change.body.kdf).toEqual(kdf);
    expect(change.body.masterKeyHash).toBe(change.master.hash);
    expect(change.master.hash).toBe((await deriveMasterKey(NEW_PASSWORD, kdf)).hash);
    expect(change.master.hash).not.toBe(current.hash);
  });

  it('re-seals the same key pairs: public keys and algorithms unchanged, ciphertext new', () => {
    for (const slot of ['encryption', 'signing'] as const) {
      expect({ alg: resealed[slot].alg, spki: resealed[slot].spki }).toEqual({ alg: sealedKeys[slot].alg, spki: sealedKeys[slot].spki });
      expect(resealed[slot].encryptedPkcs8).not.toBe(sealedKeys[slot].encryptedPkcs8);
    }
  });

  it('the re-sealed keys open with the new master key, to the same working keys, and not with the old one', async () => {
    const opened = await openUserKeys(change.master.key, 'user-1', resealed);
    const data = new TextEncoder().encode('signed before the change');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, opened.signing.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, generated.signing.publicKey, signature, data)).toBe(true);
    const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, generated.encryption.publicKey, new Uint8Array(32).fill(7));
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, opened.encryption.privateKey, wrapped))).toEqual(new Uint8Array(32).fill(7));
    await expect(openUserKeys(current.key, 'user-1', resealed)).rejects.toThrow(AuthenticationError);
  });

  it('keeps each key bound to its user: the re-sealed keys do not open for another user id', async () => {
    await expect(openUserKeys(change.master.key, 'user-2', resealed)).rejects.toThrow(AuthenticationError);
  });

  it('refuses a current master key that does not open the keys', async () => {
    await expect(prepareMasterPasswordChange({ userId: 'user-1', currentMaster: stranger, sealedKeys, newPassword: NEW_PASSWORD, kdf })).rejects.toThrow(AuthenticationError);
  });

  it('refuses keys served in the wrong slots', async () => {
    const swapped = { encryption: sealedKeys.signing, signing: sealedKeys.encryption };
    await expect(prepareMasterPasswordChange({ userId: 'user-1', currentMaster: current, sealedKeys: swapped, newPassword: NEW_PASSWORD, kdf })).rejects.toThrow(UnknownVersionError);
  });

  it('refuses a KDF record below the floor before any work', async () => {
    const weak = { ...kdf, iterations: KDF_MIN_ITERATIONS - 1 };
    await expect(prepareMasterPasswordChange({ userId: 'user-1', currentMaster: current, sealedKeys, newPassword: NEW_PASSWORD, kdf: weak })).rejects.toThrow(KdfParametersError);
  });

  it('checks a password the user chose against the rules; an upgrade (no rules) keeps the password it has', async () => {
    const weak = prepareMasterPasswordChange({ userId: 'user-1', currentMaster: current, sealedKeys, newPassword: 'too simple', kdf, rules });
    await expect(weak).rejects.toThrow(PasswordChoiceError);
    const upgrade = await prepareMasterPasswordChange({ userId: 'user-1', currentMaster: current, sealedKeys, newPassword: 'too simple', kdf });
    expect(upgrade.body.kdf).toEqual(kdf);
  });
});

describe('KDF records for a change and an upgrade', () => {
  const record: KdfParams = newKdfParams(400_000);

  it.each([
    ['no upgrade asked', null, null],
    ['fewer iterations (never a downgrade)', { iterations: KDF_MIN_ITERATIONS }, null],
    ['the same count', { iterations: 400_000 }, null],
    ['more iterations', { iterations: 800_000 }, 800_000],
  ])('%s', (_what, upgrade, expected) => {
    const next = kdfUpgradeParams(record, upgrade);
    expect(next?.iterations ?? null).toBe(expected);
    if (next) expect(next.salt).not.toBe(record.salt);
  });

  it('refuses an upgrade beyond the ceiling a hostile server could use to freeze the client', () => {
    expect(() => kdfUpgradeParams(record, { iterations: KDF_MAX_ITERATIONS + 1 })).toThrow(KdfParametersError);
    expect(() => nextKdfParams(record, { iterations: KDF_MAX_ITERATIONS + 1 })).toThrow(KdfParametersError);
  });

  it('gives a new password a fresh salt and the stronger of the current count and the upgrade', () => {
    expect(nextKdfParams(record, null)).toMatchObject({ iterations: 400_000 });
    expect(nextKdfParams(record, { iterations: KDF_MIN_ITERATIONS }).iterations).toBe(400_000);
    expect(nextKdfParams(record, { iterations: 700_000 }).iterations).toBe(700_000);
    expect(nextKdfParams(record, null).salt).not.toBe(record.salt);
  });
});
