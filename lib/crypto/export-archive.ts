import { concat, constantTimeEqual, randomBytes, toHex, u32be, utf8 } from './bytes';
import { AuthenticationError, KdfParametersError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { passwordBytes, KDF_DEFAULT_ITERATIONS, KDF_MAX_ITERATIONS } from './kdf';
import { hkdfSha256Many, hmacSha256, importHmacKey, pbkdf2Sha256, type Bytes } from './primitives';
import { decryptBlob, encryptBlob, type SegmentedOptions } from './segmented';

// The encrypted Keyhold archive (docs/cryptography.md, "Export archives"): a header naming the
// key derivation and the archive, MAC'd under a key derived from the archive password, then the
// body in the segmented format under another key from the same password, with the archive id as
// its blob id. Every header byte is covered (magic and version by the reader's refusal, the rest by
// the MAC or by changing the key), and the body is bound to this header through the blob id.
//   header = "KHARCHIV" ‖ 0x01 ‖ 0x01 (PBKDF2-SHA-256) ‖ u32be(iterations) ‖ salt (16) ‖ archiveId (16) ‖ HMAC (32)

export const ARCHIVE_MAGIC = utf8('KHARCHIV');
export const ARCHIVE_VERSION = 1;
const KDF_PBKDF2_SHA256 = 1;
const SALT_LENGTH = 16;
const ID_LENGTH = 16;
const MAC_LENGTH = 32;
const MACED_LENGTH = ARCHIVE_MAGIC.length + 2 + 4 + SALT_LENGTH + ID_LENGTH;
/** Bytes before the body. */
export const ARCHIVE_HEADER_LENGTH = MACED_LENGTH + MAC_LENGTH;

/** The header's MAC did not verify: the archive password is wrong (or the header was changed; the two look alike). */
export class ArchivePasswordError extends AuthenticationError {
  constructor() {
    super('archive header');
    this.message = 'The archive password is wrong, or the archive header was changed.';
  }
}

/** Test vectors only: fixed salt, id and segment IVs, and a small iteration count. */
export interface ArchiveOptions extends SegmentedOptions {
  iterations?: number;
  salt?: Bytes;
  archiveId?: Bytes;
}

/** The blob id the body's segments are bound to. */
export const archiveBlobId = (archiveId: Uint8Array) => `archive-${toHex(archiveId)}`;

async function archiveKeys(password: string, salt: Bytes, iterations: number) {
  const seed = await pbkdf2Sha256(passwordBytes(password), salt, iterations, 32);
  const [headerMacKey, bodyKey] = await hkdfSha256Many(seed, new Uint8Array(0), [utf8('keyhold/v1/archive/header-mac'), utf8('keyhold/v1/archive/body')], 32);
  return { headerMac: await importHmacKey(headerMacKey!), body: bodyKey! };
}

function checkIterations(iterations: number): void {
  // A reader must not let a file freeze it; a low count only weakens an archive its maker chose to weaken.
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > KDF_MAX_ITERATIONS) throw new KdfParametersError(`The archive asks for ${iterations} PBKDF2 iterations; Keyhold reads 1 to ${KDF_MAX_ITERATIONS}.`);
}

/** Encrypts `plaintext` (the archive's JSON lines) under `password`. */
export async function encryptArchive(password: string, plaintext: Uint8Array, options: ArchiveOptions = {}): Promise<Bytes> {
  const iterations = options.iterations ?? KDF_DEFAULT_ITERATIONS;
  checkIterations(iterations);
  const salt = options.salt ?? randomBytes(SALT_LENGTH);
  const archiveId = options.archiveId ?? randomBytes(ID_LENGTH);
  if (salt.length !== SALT_LENGTH || archiveId.length !== ID_LENGTH) throw new RangeError('salt and archive id are 16 bytes');
  const keys = await archiveKeys(password, salt, iterations);
  const maced = concat(ARCHIVE_MAGIC, new Uint8Array([ARCHIVE_VERSION, KDF_PBKDF2_SHA256]), u32be(iterations), salt, archiveId);
  const body = await encryptBlob(keys.body, archiveBlobId(archiveId), plaintext, options.iv ? { iv: options.iv } : {});
  return concat(maced, await hmacSha256(keys.headerMac, maced), body);
}

/** Whether `data` starts like a Keyhold archive (for telling it from other import files). */
export function looksLikeArchive(data: Uint8Array): boolean {
  return data.length >= ARCHIVE_MAGIC.length && constantTimeEqual(data.subarray(0, ARCHIVE_MAGIC.length), ARCHIVE_MAGIC);
}

/**
 * The archive's plaintext. Throws MalformedError (not an archive), UnknownVersionError,
 * TruncatedError, KdfParametersError, ArchivePasswordError (wrong password, or a header byte
 * changed) or AuthenticationError (a body byte changed, or the body cut at a segment boundary).
 */
export async function decryptArchive(password: string, data: Uint8Array): Promise<Bytes> {
  const start = data.subarray(0, ARCHIVE_MAGIC.length);
  if (!constantTimeEqual(start, ARCHIVE_MAGIC.subarray(0, start.length))) throw new MalformedError('archive (not a Keyhold archive)');
  // The version is read before the length, so a newer client's archive says so even when cut short.
  if (data.length > ARCHIVE_MAGIC.length && data[ARCHIVE_MAGIC.length] !== ARCHIVE_VERSION) throw new UnknownVersionError(data[ARCHIVE_MAGIC.length]!, 'archive');
  if (data.length < ARCHIVE_HEADER_LENGTH) throw new TruncatedError('archive');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data[ARCHIVE_MAGIC.length + 1] !== KDF_PBKDF2_SHA256) throw new AuthenticationError('archive');
  const iterations = view.getUint32(ARCHIVE_MAGIC.length + 2);
  checkIterations(iterations);
  const salt = data.slice(ARCHIVE_MAGIC.length + 6, ARCHIVE_MAGIC.length + 6 + SALT_LENGTH);
  const archiveId = data.slice(ARCHIVE_MAGIC.length + 6 + SALT_LENGTH, MACED_LENGTH);
  const keys = await archiveKeys(password, salt, iterations);
  const mac = data.slice(MACED_LENGTH, ARCHIVE_HEADER_LENGTH);
  // subtle.verify compares in constant time; a wrong password and a changed header fail alike here.
  if (!(await crypto.subtle.verify('HMAC', keys.headerMac, mac, data.slice(0, MACED_LENGTH)))) throw new ArchivePasswordError();
  return decryptBlob(keys.body, archiveBlobId(archiveId), data.subarray(ARCHIVE_HEADER_LENGTH));
}
