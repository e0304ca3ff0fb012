import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import type { Canonical } from './canonical';
import { isCertified, type CertifiedMember } from './certificates';
import { context, entryKeyContext } from './contexts';
import { AuthenticationError, CryptoError, MalformedError } from './errors';
import type { Bytes } from './primitives';
import { signStructure, verifyStructure } from './signatures';
import { decryptBytes, encryptBytes, type SymmetricKey } from './symmetric';

// A key wrap hands a 256-bit key (a vault key, or the organisation KEK) to one member: RSA-OAEP to
// the recipient's certified key, with a label naming what the key is for, whom and which version —
// then signed by the granter. The recipient checks the signature against the granter's certificate
// before unwrapping, so the server can neither forge a grant nor relabel one.

/** What a wrapped key unlocks. */
export type WrapKind = 'vault' | 'organisation';
/** Also an entry key sent to one member's inbox (lib/vault/entry-shares.ts): subject the item, key version 1. */
export type AnyWrapKind = WrapKind | 'entry';

/** A key wrap as stored on the server (one per member and key version). */
export interface KeyWrap<K extends AnyWrapKind = WrapKind> {
  version: 1;
  kind: K;
  /** The vault id or organisation id. */
  subjectId: string;
  recipientId: string;
  keyVersion: number;
  granterId: string;
  /** base64url RSA-OAEP ciphertext (256 bytes). */
  wrappedKey: string;
  signature: string;
}

/** Which wrap the reader expects to find: everything but the key and the granter. */
export interface WrapAddress<K extends AnyWrapKind = WrapKind> {
  kind: K;
  subjectId: string;
  recipientId: string;
  keyVersion: number;
}

const PURPOSE = 'key-wrap';

/** The RSA-OAEP label: binds the ciphertext itself to its kind, subject, recipient and version. */
export function wrapLabel(address: WrapAddress<AnyWrapKind>): Bytes {
  return utf8(`keyhold/v1/key-wrap/${context(address.kind, address.subjectId, address.recipientId, address.keyVersion)}`);
}

function signedPart(wrap: Omit<KeyWrap<AnyWrapKind>, 'signature'>): Canonical {
  const { version, kind, subjectId, recipientId, keyVersion, granterId, wrappedKey } = wrap;
  return { version, kind, subjectId, recipientId, keyVersion, granterId, wrappedKey };
}

/** Wraps `key` to a certified recipient and signs the wrap as `granter`; refuses uncertified recipients. */
export async function wrapKey<K extends AnyWrapKind = WrapKind>(
  address: Omit<WrapAddress<K>, 'recipientId'>,
  key: Bytes,
  recipient: CertifiedMember,
  granter: { userId: string; signingKey: CryptoKey },
): Promise<KeyWrap<K>> {
  if (!isCertified(recipient)) throw new CryptoError('recipientNotCertified', 'Keys are only ever wrapped to certified members.');
  if (key.length !== 32) throw new RangeError('wrapped keys are 32 bytes');
  const full = { ...address, recipientId: recipient.userId };
  const ciphertext = await crypto.subtle.encrypt({ name: 'RSA-OAEP', label: wrapLabel(full) }, recipient.encryptionKey, key);
  const unsigned = { version: 1 as const, ...full, granterId: granter.userId, wrappedKey: toBase64Url(new Uint8Array(ciphertext)) };
  return { ...unsigned, signature: await signStructure(granter.signingKey, PURPOSE, signedPart(unsigned)) };
}

/** A wrap whose signature and address have been checked; only verifyKeyWrap makes one. */
export interface VerifiedKeyWrap {
  wrap: KeyWrap<AnyWrapKind>;
  address: WrapAddress<AnyWrapKind>;
}
const verifiedWraps = new WeakSet<VerifiedKeyWrap>();

/**
 * Checks the granter is certified and named by the wrap, verifies the granter's signature, and
 * checks the wrap is the one `expected` names. Needs no private key, so it can run while the master
 * key is still being derived. Throws AuthenticationError for a forged, relabelled or misaddressed wrap.
 */
export async function verifyKeyWrap<K extends AnyWrapKind>(wrap: KeyWrap<K>, expected: WrapAddress<K>, granter: CertifiedMember): Promise<VerifiedKeyWrap> {
  if (!isCertified(granter) || granter.userId !== wrap.granterId) throw new AuthenticationError('key wrap (granter is not certified)');
  await verifyStructure(granter.signingKey, PURPOSE, signedPart(wrap), wrap.signature, 'key wrap');
  const addressed = wrap.kind === expected.kind && wrap.subjectId === expected.subjectId && wrap.recipientId === expected.recipientId && wrap.keyVersion === expected.keyVersion;
  if (wrap.version !== 1 || !addressed) throw new AuthenticationError('key wrap (addressed elsewhere)');
  const verified = { wrap, address: { ...expected } };
  verifiedWraps.add(verified);
  return verified;
}

/** Decrypts a verified wrap with the recipient's private key, using the label of its checked address. */
export async function openKeyWrap(verified: VerifiedKeyWrap, recipientPrivateKey: CryptoKey): Promise<Bytes> {
  if (!verifiedWraps.has(verified)) throw new AuthenticationError('key wrap (not verified)');
  let key: Bytes;
  try {
    key = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP', label: wrapLabel(verified.address) }, recipientPrivateKey, fromBase64Url(verified.wrap.wrappedKey, 'wrapped key')));
  } catch (error) {
    if (error instanceof MalformedError) throw error;
    throw new AuthenticationError('key wrap');
  }
  if (key.length !== 32) throw new AuthenticationError('key wrap (wrong key length)');
  return key;
}

/** verifyKeyWrap then openKeyWrap: the key, only if the wrap is genuine and addressed as expected. */
export async function unwrapKey<K extends AnyWrapKind>(wrap: KeyWrap<K>, expected: WrapAddress<K>, recipientPrivateKey: CryptoKey, granter: CertifiedMember): Promise<Bytes> {
  return openKeyWrap(await verifyKeyWrap(wrap, expected, granter), recipientPrivateKey);
}

/** Wraps an entry key under its vault key, bound to vault, item and vault-key version. */
export async function wrapEntryKey(vaultKey: SymmetricKey, address: { vaultId: string; itemId: string; vaultKeyVersion: number }, entryKey: Bytes, iv?: Bytes): Promise<string> {
  if (entryKey.length !== 32) throw new RangeError('entry keys are 32 bytes');
  return toBase64Url(await encryptBytes(vaultKey, entryKeyContext(address.vaultId, address.itemId, address.vaultKeyVersion), entryKey, iv));
}

/** Unwraps an entry key; throws AuthenticationError if it was moved from another item or vault. */
export async function unwrapEntryKey(vaultKey: SymmetricKey, address: { vaultId: string; itemId: string; vaultKeyVersion: number }, wrapped: string): Promise<Bytes> {
  const key = await decryptBytes(vaultKey, entryKeyContext(address.vaultId, address.itemId, address.vaultKeyVersion), fromBase64Url(wrapped, 'entry key'));
  if (key.length !== 32) throw new AuthenticationError('entry key (wrong length)');
  return key;
}
