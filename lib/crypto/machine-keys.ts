import { fromBase64Url, fromUtf8, toBase64Url, toHex, utf8 } from './bytes';
import { accessKeyPinContext, accessKeyPrivateKeyContext, machinePrivateKeyContext } from './contexts';
import { UnknownVersionError } from './errors';
import { sha256, type Bytes } from './primitives';
import { decryptBytes, deriveSymmetricKey, encryptBytes, type SymmetricKey } from './symmetric';
import { ENCRYPTION_ALG, importPrivateKey, SIGNING_ALG, type SealedPrivateKey, type UserKeys } from './user-keys';

// A machine account has the same two key pairs as a person (user-keys.ts) but no master key. Its
// private keys are sealed, in the symmetric format, once under the organisation KEK (so any
// administrator can issue a further access key) and once per access key under that key's wrapping
// key (access-keys.ts), which never leaves the machine. Each seal's context names the machine, the
// access key, the algorithm and the public key's hash, so a server cannot hand one machine's or one
// access key's copy to another. With the access key's copy the administrator also seals the
// organisation key's fingerprint: the machine pins it from there, as a newcomer pins it from the
// invitation link, and never from what the server says. Spec: docs/cryptography.md.

/** A machine's private keys in the clear (PKCS#8) with their public halves: only ever in an administrator's memory while sealing. */
export interface MachinePrivateKeys {
  encryption: { spki: Bytes; pkcs8: Bytes };
  signing: { spki: Bytes; pkcs8: Bytes };
}

/** Both private keys, sealed. */
export interface SealedMachineKeys {
  encryptionKey: SealedPrivateKey;
  signingKey: SealedPrivateKey;
}

/** One access key's copy: both private keys and the sealed organisation fingerprint to pin. */
export interface AccessKeySeal extends SealedMachineKeys {
  organisationFingerprint: string;
}

async function seal(key: SymmetricKey, base: string, alg: string, pair: { spki: Bytes; pkcs8: Bytes }): Promise<SealedPrivateKey> {
  const sealed = await encryptBytes(key, `${base}/${toHex(await sha256(pair.spki))}`, pair.pkcs8);
  return { alg, spki: toBase64Url(pair.spki), encryptedPkcs8: toBase64Url(sealed) };
}

async function unseal(key: SymmetricKey, base: string, sealed: SealedPrivateKey): Promise<Bytes> {
  const spki = fromBase64Url(sealed.spki, 'public key');
  return decryptBytes(key, `${base}/${toHex(await sha256(spki))}`, fromBase64Url(sealed.encryptedPkcs8, 'private key'));
}

function checkAlgorithms(sealed: SealedMachineKeys): void {
  if (sealed.encryptionKey.alg !== ENCRYPTION_ALG) throw new UnknownVersionError(sealed.encryptionKey.alg, 'encryption key algorithm');
  if (sealed.signingKey.alg !== SIGNING_ALG) throw new UnknownVersionError(sealed.signingKey.alg, 'signing key algorithm');
}

async function sealBoth(key: SymmetricKey, base: (alg: string) => string, keys: MachinePrivateKeys): Promise<SealedMachineKeys> {
  const [encryptionKey, signingKey] = await Promise.all([seal(key, base(ENCRYPTION_ALG), ENCRYPTION_ALG, keys.encryption), seal(key, base(SIGNING_ALG), SIGNING_ALG, keys.signing)]);
  return { encryptionKey, signingKey };
}

/** The administrators' copy of a machine's private keys, under the organisation KEK. */
export async function sealMachineKeysForAdministrators(keyEncryptionKey: Bytes, machineId: string, keys: MachinePrivateKeys): Promise<SealedMachineKeys> {
  return sealBoth(await deriveSymmetricKey(keyEncryptionKey), (alg) => machinePrivateKeyContext(machineId, alg), keys);
}

/** Opens the administrators' copy (to seal it for a new access key); throws AuthenticationError when it was tampered with. */
export async function openMachineKeysForAdministrators(keyEncryptionKey: Bytes, machineId: string, sealed: SealedMachineKeys): Promise<MachinePrivateKeys> {
  checkAlgorithms(sealed);
  const key = await deriveSymmetricKey(keyEncryptionKey);
  const [encryption, signing] = await Promise.all([unseal(key, machinePrivateKeyContext(machineId, ENCRYPTION_ALG), sealed.encryptionKey), unseal(key, machinePrivateKeyContext(machineId, SIGNING_ALG), sealed.signingKey)]);
  return { encryption: { spki: fromBase64Url(sealed.encryptionKey.spki), pkcs8: encryption }, signing: { spki: fromBase64Url(sealed.signingKey.spki), pkcs8: signing } };
}

/** One access key's copy of the machine's private keys and of the organisation fingerprint to pin, under its wrapping key. */
export async function sealMachineKeysForAccessKey(accessKey: { id: string; wrappingKey: Bytes }, machineId: string, keys: MachinePrivateKeys, organisationFingerprint: string): Promise<AccessKeySeal> {
  const key = await deriveSymmetricKey(accessKey.wrappingKey);
  const sealed = await sealBoth(key, (alg) => accessKeyPrivateKeyContext(machineId, accessKey.id, alg), keys);
  const pin = await encryptBytes(key, accessKeyPinContext(machineId, accessKey.id), utf8(organisationFingerprint));
  return { ...sealed, organisationFingerprint: toBase64Url(pin) };
}

/** The machine's unlocked key pairs and the fingerprint to pin; throws AuthenticationError for another access key's copy or a tampered one. */
export async function openMachineKeysWithAccessKey(accessKey: { id: string; wrappingKey: Bytes }, machineId: string, sealed: AccessKeySeal): Promise<{ userKeys: UserKeys; organisationFingerprint: string }> {
  checkAlgorithms(sealed);
  const key = await deriveSymmetricKey(accessKey.wrappingKey);
  const [encryption, signing, pin] = await Promise.all([
    unseal(key, accessKeyPrivateKeyContext(machineId, accessKey.id, ENCRYPTION_ALG), sealed.encryptionKey).then((pkcs8) => importPrivateKey(sealed.encryptionKey, pkcs8)),
    unseal(key, accessKeyPrivateKeyContext(machineId, accessKey.id, SIGNING_ALG), sealed.signingKey).then((pkcs8) => importPrivateKey(sealed.signingKey, pkcs8)),
    decryptBytes(key, accessKeyPinContext(machineId, accessKey.id), fromBase64Url(sealed.organisationFingerprint, 'organisation fingerprint')),
  ]);
  return { userKeys: { encryption, signing }, organisationFingerprint: fromUtf8(pin) };
}
