import { concat, fromBase64Url, fromUtf8, randomBytes, toBase64Url, u32be, utf8 } from './bytes';
import { AuthenticationError, TruncatedError, UnknownVersionError } from './errors';
import { aesCbcDecrypt, aesCbcEncrypt, hkdfSha256Many, hmacSha256, importAesCbcKey, importHmacKey, type Bytes } from './primitives';

// The one symmetric format (docs/cryptography.md, "Symmetric format"):
//   version (1 byte, 0x01) ‖ IV (16) ‖ AES-256-CBC ciphertext (16·n, n ≥ 1) ‖ HMAC-SHA-256 tag (32)
// The tag covers version ‖ u32be(len(context)) ‖ context ‖ IV ‖ ciphertext. The reader rebuilds the
// context from where it found the value, so a ciphertext moved to another field, entry or user fails
// the MAC like any other tampering.

/** Format version written by this code. */
export const SYMMETRIC_VERSION = 1;
/** Sizes of the symmetric format's parts, shared with the framed records (framed.ts). */
export const IV_LENGTH = 16;
export const TAG_LENGTH = 32;
export const BLOCK = 16;
const MIN_LENGTH = 1 + IV_LENGTH + BLOCK + TAG_LENGTH;

/** An encryption key and a separate MAC key, both 256-bit. */
export interface SymmetricKey {
  encryption: CryptoKey;
  authentication: CryptoKey;
}

const EMPTY = new Uint8Array(0);
const ENCRYPTION_INFO = utf8('keyhold/v1/aes-256-cbc');
const AUTHENTICATION_INFO = utf8('keyhold/v1/hmac-sha-256');

/** A SymmetricKey from explicit halves (the master key's 512 bits are already two halves). */
export async function symmetricKeyFromHalves(encryptionKey: Bytes, macKey: Bytes): Promise<SymmetricKey> {
  if (encryptionKey.length !== 32 || macKey.length !== 32) throw new RangeError('both halves must be 32 bytes');
  return { encryption: await importAesCbcKey(encryptionKey), authentication: await importHmacKey(macKey) };
}

/** The raw AES and HMAC subkeys of a 256-bit key (HKDF-SHA-256, empty salt); exported for test vectors. */
export async function deriveSubkeys(key: Bytes): Promise<{ encryptionKey: Bytes; macKey: Bytes }> {
  if (key.length !== 32) throw new RangeError('symmetric keys are 32 bytes');
  const [encryptionKey, macKey] = await hkdfSha256Many(key, EMPTY, [ENCRYPTION_INFO, AUTHENTICATION_INFO], 32);
  return { encryptionKey: encryptionKey!, macKey: macKey! };
}

/** Expands a 256-bit key (vault, entry, file, link key) into its AES and HMAC subkeys with HKDF. */
export async function deriveSymmetricKey(key: Bytes): Promise<SymmetricKey> {
  const { encryptionKey, macKey } = await deriveSubkeys(key);
  return symmetricKeyFromHalves(encryptionKey, macKey);
}

/** The bytes the tag covers. Exported for the segmented format, which shares it. */
export function authenticatedData(version: number, context: string, iv: Bytes, ciphertext: Bytes): Bytes {
  const contextBytes = utf8(context);
  return concat(new Uint8Array([version]), u32be(contextBytes.length), contextBytes, iv, ciphertext);
}

/** Encrypts `plaintext` bound to `context`. `iv` is for test vectors only; leave it random. */
export async function encryptBytes(key: SymmetricKey, context: string, plaintext: Bytes, iv: Bytes = randomBytes(IV_LENGTH)): Promise<Bytes> {
  if (iv.length !== IV_LENGTH) throw new RangeError('the IV is 16 bytes');
  const ciphertext = await aesCbcEncrypt(key.encryption, iv, plaintext);
  const tag = await hmacSha256(key.authentication, authenticatedData(SYMMETRIC_VERSION, context, iv, ciphertext));
  return concat(new Uint8Array([SYMMETRIC_VERSION]), iv, ciphertext, tag);
}

/**
 * Verifies and decrypts `data` read from `context`. Throws TruncatedError, UnknownVersionError or
 * AuthenticationError; never returns unauthenticated bytes.
 */
export async function decryptBytes(key: SymmetricKey, context: string, data: Uint8Array): Promise<Bytes> {
  if (data.length === 0) throw new TruncatedError();
  if (data[0] !== SYMMETRIC_VERSION) throw new UnknownVersionError(data[0]!);
  if (data.length < MIN_LENGTH || (data.length - 1 - IV_LENGTH - TAG_LENGTH) % BLOCK !== 0) throw new TruncatedError();
  // Views, not copies: a cache chunk is megabytes, and WebCrypto copies its inputs anyway. (Our
  // ciphertexts never live in shared memory, which WebCrypto would refuse.)
  const bytes = data as Bytes;
  const iv = bytes.subarray(1, 1 + IV_LENGTH);
  const ciphertext = bytes.subarray(1 + IV_LENGTH, data.length - TAG_LENGTH);
  const tag = bytes.subarray(data.length - TAG_LENGTH);
  return verifiedPlaintext(key, authenticatedData(SYMMETRIC_VERSION, context, iv, ciphertext), tag, iv, ciphertext);
}

/**
 * The plaintext of `ciphertext`, once `tag` verifies over `authenticated`; AuthenticationError
 * otherwise. Shared by the symmetric format and the framed records (framed.ts).
 */
export async function verifiedPlaintext(key: SymmetricKey, authenticated: Bytes, tag: Bytes, iv: Bytes, ciphertext: Bytes): Promise<Bytes> {
  // The MAC check and the decryption run side by side (WebCrypto works off the caller's thread); the
  // plaintext is dropped unseen unless the tag verifies. subtle.verify compares in constant time.
  const [valid, plaintext] = await Promise.all([
    crypto.subtle.verify('HMAC', key.authentication, tag, authenticated),
    // A failure here with a valid tag means the MAC key matched but the AES key did not: still a wrong key.
    aesCbcDecrypt(key.encryption, iv, ciphertext).catch(() => null),
  ]);
  if (!valid || !plaintext) throw new AuthenticationError();
  return plaintext;
}

/** Encrypts a string to the compact text form: base64url (no padding) of the binary format. */
export async function encryptString(key: SymmetricKey, context: string, plaintext: string, iv?: Bytes): Promise<string> {
  return toBase64Url(await encryptBytes(key, context, utf8(plaintext), iv));
}

/** Verifies and decrypts the text form; also throws MalformedError when it is not base64url or UTF-8. */
export async function decryptString(key: SymmetricKey, context: string, text: string): Promise<string> {
  return fromUtf8(await decryptBytes(key, context, fromBase64Url(text, 'ciphertext')));
}
