import { fromBase64Url, randomBytes, toBase64Url } from './bytes';
import { organisationKeyContext } from './contexts';
import { MalformedError, PinMismatchError } from './errors';
import { fingerprint, sameFingerprint } from './fingerprints';
import type { Bytes } from './primitives';
import { decryptBytes, deriveSymmetricKey, encryptBytes } from './symmetric';
import { importSigningPublicKey, SIGNING_ALG, type PublicKeyRecord } from './user-keys';

// The organisation signing key (ECDSA P-256) certifies every member's public keys, which is what
// stops a hostile server from slipping in a key of its own. The owner's client creates it; its
// private half is sealed under a random key-encryption key (KEK), and the KEK reaches each
// administrator as a signed key wrap (wraps.ts, kind "organisation"), like a vault key.

const ECDSA_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The organisation key as an administrator's client holds it once unlocked. */
export interface OrganisationKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key record stored in clear and pinned by every client. */
  record: PublicKeyRecord;
  fingerprint: string;
}

/** The organisation's private key as the server stores it: PKCS#8 sealed under the KEK. */
export interface SealedOrganisationKey extends PublicKeyRecord {
  encryptedPkcs8: string;
}

async function sealingContext(organisationId: string, spki: Bytes): Promise<string> {
  return `${organisationKeyContext(organisationId)}/${await fingerprint(spki)}`;
}

/** Creates the organisation key at setup; returns it, its sealed form and the KEK to wrap to administrators. */
export async function createOrganisationKey(organisationId: string): Promise<{ key: OrganisationKey; sealed: SealedOrganisationKey; keyEncryptionKey: Bytes }> {
  const pair = await crypto.subtle.generateKey(ECDSA_PARAMS, true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const keyEncryptionKey = randomBytes(32);
  const encrypted = await encryptBytes(await deriveSymmetricKey(keyEncryptionKey), await sealingContext(organisationId, spki), pkcs8);
  const record = { alg: SIGNING_ALG, spki: toBase64Url(spki) };
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDSA_PARAMS, false, ['sign']);
  return {
    key: { privateKey, publicKey: pair.publicKey, record, fingerprint: await fingerprint(spki) },
    sealed: { ...record, encryptedPkcs8: toBase64Url(encrypted) },
    keyEncryptionKey,
  };
}

/** Imports the organisation's public key after checking it against the fingerprint this client pinned. */
export async function pinnedOrganisationKey(record: PublicKeyRecord, pinned: string): Promise<CryptoKey> {
  const spki = fromBase64Url(record.spki, 'organisation key');
  if (!sameFingerprint(await fingerprint(spki), pinned)) throw new PinMismatchError();
  return importSigningPublicKey(record);
}

/** Opens the organisation key with the KEK an administrator unwrapped; checks the pin first. */
export async function openOrganisationKey(organisationId: string, keyEncryptionKey: Bytes, sealed: SealedOrganisationKey, pinned: string): Promise<OrganisationKey> {
  const publicKey = await pinnedOrganisationKey(sealed, pinned);
  const spki = fromBase64Url(sealed.spki, 'organisation key');
  const pkcs8 = await decryptBytes(await deriveSymmetricKey(keyEncryptionKey), await sealingContext(organisationId, spki), fromBase64Url(sealed.encryptedPkcs8, 'organisation key'));
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDSA_PARAMS, false, ['sign']);
  } catch {
    throw new MalformedError('organisation private key');
  }
  return { privateKey, publicKey, record: { alg: sealed.alg, spki: sealed.spki }, fingerprint: await fingerprint(spki) };
}
