import { randomBytes, utf8 } from './bytes';
import { AuthenticationError, TruncatedError, UnknownVersionError } from './errors';
import { aesCbcEncrypt, hmacSha256, type Bytes } from './primitives';
import { BLOCK, IV_LENGTH, SYMMETRIC_VERSION, TAG_LENGTH, verifiedPlaintext, type SymmetricKey } from './symmetric';

// The symmetric format with room for its context (docs/cryptography.md, "Framed records"):
//   0x01 ‖ u32be(len(context)) ‖ len(context) zero bytes ‖ IV ‖ ciphertext ‖ tag
// Same keys, same tag as the symmetric format: once the reader writes the context it expects into
// the room left for it, everything before the tag is exactly what the tag covers. For large
// records kept by the client (the offline cache): the MAC runs over the stored bytes where they
// lie, where the plain format needs a copy of the whole ciphertext behind the context first. The
// context itself is not stored (it names revisions and generations); only its length is.

const HEADER = 1 + 4;

/** `plaintext` encrypted under `key` for `context`, framed with the context. */
export async function sealFramed(key: SymmetricKey, context: string, plaintext: Bytes): Promise<Uint8Array<ArrayBuffer>> {
  const contextBytes = utf8(context);
  const iv = randomBytes(IV_LENGTH);
  const ciphertext = await aesCbcEncrypt(key.encryption, iv, plaintext);
  const ivAt = HEADER + contextBytes.length;
  const tagAt = ivAt + IV_LENGTH + ciphertext.length;
  const record = new Uint8Array(tagAt + TAG_LENGTH);
  const view = new DataView(record.buffer);
  record[0] = SYMMETRIC_VERSION;
  view.setUint32(1, contextBytes.length);
  record.set(contextBytes, HEADER);
  record.set(iv, ivAt);
  record.set(ciphertext, ivAt + IV_LENGTH);
  record.set(await hmacSha256(key.authentication, record.subarray(0, tagAt)), tagAt);
  record.fill(0, HEADER, ivAt);
  return record;
}

/**
 * Verifies and decrypts a framed record expected at `context`, writing the context into the room
 * `record` keeps for it (the caller's copy of the stored bytes). Throws TruncatedError,
 * UnknownVersionError, or AuthenticationError (also for a record sealed for another context);
 * never returns unauthenticated bytes.
 */
export async function openFramed(key: SymmetricKey, context: string, record: Uint8Array): Promise<Bytes> {
  if (record.length === 0) throw new TruncatedError();
  if (record[0] !== SYMMETRIC_VERSION) throw new UnknownVersionError(record[0]!);
  if (record.length < HEADER) throw new TruncatedError();
  const contextLength = new DataView(record.buffer, record.byteOffset, record.byteLength).getUint32(1);
  const ivAt = HEADER + contextLength;
  const bodyLength = record.length - ivAt - IV_LENGTH - TAG_LENGTH;
  if (bodyLength < BLOCK || bodyLength % BLOCK !== 0) throw new TruncatedError();
  const contextBytes = utf8(context);
  // Room for another context: a record from elsewhere, refused here as its MAC would refuse it.
  if (contextBytes.length !== contextLength) throw new AuthenticationError();
  record.set(contextBytes, HEADER);
  const bytes = record as Bytes;
  const tagAt = record.length - TAG_LENGTH;
  return verifiedPlaintext(key, bytes.subarray(0, tagAt), bytes.subarray(tagAt), bytes.subarray(ivAt, ivAt + IV_LENGTH), bytes.subarray(ivAt + IV_LENGTH, tagAt));
}
