import { constantTimeEqual, fromBase64Url, fromHex, randomBytes, toBase64Url, utf8 } from './bytes';
import { signedBytes } from './canonical';
import { AuthenticationError, MalformedError } from './errors';
import { hkdfSha256, hmacSha256, importHmacKey, type Bytes } from './primitives';
import type { PublicKeyRecord } from './user-keys';

// An invitation link carries, in its fragment (never sent to the server), the organisation key's
// fingerprint and a one-time secret. The newcomer's client pins the fingerprint and MACs its new
// public keys with the secret; an administrator's client, which made the secret, checks the MAC and
// certifies the keys. A server that swaps the newcomer's keys cannot forge that MAC.

const EMPTY = new Uint8Array(0);

/** A fresh 256-bit invitation secret. */
export function createInvitationSecret(): Bytes {
  return randomBytes(32);
}

/** The URL fragment of an invitation link: `org=<hex fingerprint>&secret=<base64url secret>`. */
export function formatInvitationFragment(organisationFingerprint: string, secret: Bytes): string {
  return `org=${organisationFingerprint.toLowerCase()}&secret=${toBase64Url(secret)}`;
}

/** Parses an invitation fragment (with or without "#"); throws MalformedError for anything else. */
export function parseInvitationFragment(fragment: string): { organisationFingerprint: string; secret: Bytes } {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const organisationFingerprint = params.get('org') ?? '';
  const secretText = params.get('secret') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(organisationFingerprint)) throw new MalformedError('invitation link');
  fromHex(organisationFingerprint);
  let secret;
  try {
    secret = fromBase64Url(secretText);
  } catch {
    throw new MalformedError('invitation link');
  }
  if (secret.length !== 32) throw new MalformedError('invitation link');
  return { organisationFingerprint: organisationFingerprint.toLowerCase(), secret };
}

/** What the newcomer vouches for with the invitation secret. */
export interface InvitationKeys {
  invitationId: string;
  login: string;
  encryptionKey: PublicKeyRecord;
  signingKey: PublicKeyRecord;
}

async function invitationMacKey(secret: Bytes): Promise<CryptoKey> {
  return importHmacKey(await hkdfSha256(secret, EMPTY, utf8('keyhold/v1/invitation-mac'), 32));
}

function signedKeys(keys: InvitationKeys): Bytes {
  const { invitationId, login, encryptionKey, signingKey } = keys;
  return signedBytes('invitation-keys', {
    invitationId,
    login,
    encryptionKey: { alg: encryptionKey.alg, spki: encryptionKey.spki },
    signingKey: { alg: signingKey.alg, spki: signingKey.spki },
  });
}

/**
 * A recovery link's proof of possession for the server (base64url, 32 bytes). The server stores a
 * MAC of it when the recovery starts and asks for it when the link is used, so someone who saw only
 * the recovery id (in a request line, a proxy's log) cannot replace the account's keys. A label of
 * its own keeps it independent of the MAC key: it tells the server nothing about that key.
 */
export async function recoveryAcceptToken(secret: Bytes): Promise<string> {
  return toBase64Url(await hkdfSha256(secret, EMPTY, utf8('keyhold/v1/recovery-accept'), 32));
}

/** The newcomer's MAC over its public keys (base64url). */
export async function macInvitationKeys(secret: Bytes, keys: InvitationKeys): Promise<string> {
  return toBase64Url(await hmacSha256(await invitationMacKey(secret), signedKeys(keys)));
}

/** Throws AuthenticationError unless `mac` proves the keys came from the holder of the invitation link. */
export async function verifyInvitationKeys(secret: Bytes, keys: InvitationKeys, mac: string): Promise<void> {
  const expected = fromBase64Url(await macInvitationKeys(secret, keys));
  let given;
  try {
    given = fromBase64Url(mac);
  } catch {
    throw new AuthenticationError('invitation keys');
  }
  if (!constantTimeEqual(expected, given)) throw new AuthenticationError('invitation keys');
}
