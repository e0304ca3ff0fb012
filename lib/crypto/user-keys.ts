import { fromBase64Url, toBase64Url, toHex } from './bytes';
import { userPrivateKeyContext } from './contexts';
import { MalformedError, UnknownVersionError } from './errors';
import { sha256, type Bytes } from './primitives';
import { decryptBytes, encryptBytes, type SymmetricKey } from './symmetric';

// Each user has two key pairs, generated on their device: RSA-2048 OAEP-SHA-256 to receive wrapped
// keys, and ECDSA P-256 to sign the wraps they grant. Private keys leave the device only as PKCS#8
// encrypted under the master key; public keys travel as SPKI. Every record names its algorithm so
// keys can be rotated and algorithms replaced without guessing.

/** Algorithm id of encryption (key-receiving) keys. */
export const ENCRYPTION_ALG = 'rsa-oaep-2048-sha256';
/** Algorithm id of signing keys. */
export const SIGNING_ALG = 'ecdsa-p256-sha256';

const RSA_PARAMS = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
const ECDSA_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A public key as stored in clear: algorithm id and base64url SPKI. */
export interface PublicKeyRecord {
  alg: string;
  spki: string;
}

/** A private key as stored on the server: its public half, and PKCS#8 sealed under the master key. */
export interface SealedPrivateKey extends PublicKeyRecord {
  encryptedPkcs8: string;
}

/** One usable key pair with the SPKI bytes of its public half. */
export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: Bytes;
}

/** A user's unlocked key pairs. */
export interface UserKeys {
  encryption: KeyPair;
  signing: KeyPair;
}

async function exportPair(pair: CryptoKeyPair): Promise<KeyPair & { pkcs8: Bytes }> {
  const [spki, pkcs8] = await Promise.all([crypto.subtle.exportKey('spki', pair.publicKey), crypto.subtle.exportKey('pkcs8', pair.privateKey)]);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spki: new Uint8Array(spki), pkcs8: new Uint8Array(pkcs8) };
}

/** Generates both key pairs; the PKCS#8 bytes are returned once, for sealing, and never kept. */
export async function generateUserKeys(): Promise<{ encryption: KeyPair & { pkcs8: Bytes }; signing: KeyPair & { pkcs8: Bytes } }> {
  const [encryption, signing] = await Promise.all([
    crypto.subtle.generateKey({ ...RSA_PARAMS, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']),
    crypto.subtle.generateKey(ECDSA_PARAMS, true, ['sign', 'verify']),
  ]);
  return { encryption: await exportPair(encryption), signing: await exportPair(signing) };
}

/**
 * The context a sealed private key is bound to: user, algorithm and the SPKI's hash, so the MAC ties
 * each private key to the public key the user's own client stored beside it.
 */
export async function privateKeyContext(userId: string, alg: string, spki: Bytes): Promise<string> {
  return `${userPrivateKeyContext(userId, alg)}/${toHex(await sha256(spki))}`;
}

/** Seals one private key (PKCS#8) under the master key, bound to the user, algorithm and public key. */
export async function sealPrivateKey(masterKey: SymmetricKey, userId: string, alg: string, spki: Bytes, pkcs8: Bytes): Promise<SealedPrivateKey> {
  const sealed = await encryptBytes(masterKey, await privateKeyContext(userId, alg, spki), pkcs8);
  return { alg, spki: toBase64Url(spki), encryptedPkcs8: toBase64Url(sealed) };
}

/** Imports an encryption public key; throws UnknownVersionError for another algorithm. */
export async function importEncryptionPublicKey(record: PublicKeyRecord): Promise<CryptoKey> {
  if (record.alg !== ENCRYPTION_ALG) throw new UnknownVersionError(record.alg, 'encryption key algorithm');
  const key = await importOrMalformed(() => crypto.subtle.importKey('spki', fromBase64Url(record.spki, 'public key'), RSA_PARAMS, true, ['encrypt']));
  const { modulusLength, publicExponent } = key.algorithm as RsaHashedKeyAlgorithm;
  if (modulusLength !== 2048 || toHex(publicExponent) !== '010001') throw new MalformedError('RSA public key (must be 2048-bit, e = 65537)');
  return key;
}

/** Imports a signing (verification) public key; throws UnknownVersionError for another algorithm. */
export async function importSigningPublicKey(record: PublicKeyRecord): Promise<CryptoKey> {
  if (record.alg !== SIGNING_ALG) throw new UnknownVersionError(record.alg, 'signing key algorithm');
  return importOrMalformed(() => crypto.subtle.importKey('spki', fromBase64Url(record.spki, 'public key'), ECDSA_PARAMS, true, ['verify']));
}

async function importOrMalformed(load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  try {
    return await load();
  } catch {
    throw new MalformedError('public key');
  }
}

/** Decrypts and imports one sealed private key (non-extractable); throws AuthenticationError on a wrong master key. */
export async function openPrivateKey(masterKey: SymmetricKey, userId: string, sealed: SealedPrivateKey): Promise<KeyPair> {
  const spki = fromBase64Url(sealed.spki, 'public key');
  return importPrivateKey(sealed, await decryptBytes(masterKey, await privateKeyContext(userId, sealed.alg, spki), fromBase64Url(sealed.encryptedPkcs8, 'private key')));
}

/** Imports a decrypted private key (non-extractable) with the public half its record names; throws UnknownVersionError for another algorithm. */
export async function importPrivateKey(sealed: SealedPrivateKey, pkcs8: Bytes): Promise<KeyPair> {
  const spki = fromBase64Url(sealed.spki, 'public key');
  if (sealed.alg === ENCRYPTION_ALG) {
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, RSA_PARAMS, false, ['decrypt']);
    return { privateKey, publicKey: await importEncryptionPublicKey(sealed), spki };
  }
  if (sealed.alg === SIGNING_ALG) {
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDSA_PARAMS, false, ['sign']);
    return { privateKey, publicKey: await importSigningPublicKey(sealed), spki };
  }
  throw new UnknownVersionError(sealed.alg, 'private key algorithm');
}

/** Seals both of a new user's private keys. */
export async function sealUserKeys(
  masterKey: SymmetricKey,
  userId: string,
  keys: Awaited<ReturnType<typeof generateUserKeys>>,
): Promise<{ encryption: SealedPrivateKey; signing: SealedPrivateKey }> {
  const [encryption, signing] = await Promise.all([
    sealPrivateKey(masterKey, userId, ENCRYPTION_ALG, keys.encryption.spki, keys.encryption.pkcs8),
    sealPrivateKey(masterKey, userId, SIGNING_ALG, keys.signing.spki, keys.signing.pkcs8),
  ]);
  return { encryption, signing };
}

/** Opens both private keys at unlock; checks each record holds the algorithm its slot requires. */
export async function openUserKeys(masterKey: SymmetricKey, userId: string, sealed: { encryption: SealedPrivateKey; signing: SealedPrivateKey }): Promise<UserKeys> {
  if (sealed.encryption.alg !== ENCRYPTION_ALG) throw new UnknownVersionError(sealed.encryption.alg, 'encryption key algorithm');
  if (sealed.signing.alg !== SIGNING_ALG) throw new UnknownVersionError(sealed.signing.alg, 'signing key algorithm');
  const [encryption, signing] = await Promise.all([openPrivateKey(masterKey, userId, sealed.encryption), openPrivateKey(masterKey, userId, sealed.signing)]);
  return { encryption, signing };
}
