import { concat, randomBytes, u32be } from './bytes';
import { segmentContext } from './contexts';
import { AuthenticationError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { aesCbcDecrypt, aesCbcEncrypt, hmacSha256, type Bytes } from './primitives';
import { authenticatedData, deriveSymmetricKey, type SymmetricKey } from './symmetric';

// The segmented format for attachments and archives (docs/cryptography.md, "Segmented blobs"):
//   blob    = header ‖ segment_0 ‖ … ‖ segment_last
//   header  = 0x01 ‖ u32be(65536)
//   segment = IV (16) ‖ AES-256-CBC(≤ 64 KiB of plaintext, PKCS#7) ‖ HMAC-SHA-256 tag (32)
// Each tag covers authenticatedData(1, "<blobId>/<index>/<1|0>", IV, ciphertext). Every segment but
// the last holds exactly 64 KiB, so the reader learns that a segment is final only from the stream
// ending after it: a stream cut at a segment boundary turns a non-final segment into a "final" one
// whose MAC then fails. Each side holds one fixed segment buffer, whatever the chunk sizes.

/** Format version of the header (and the version byte inside every segment's MAC). */
export const SEGMENTED_VERSION = 1;
/** Plaintext bytes per segment: the only value written and the only value readers accept. */
export const SEGMENT_SIZE = 65536;
const HEADER_LENGTH = 5;
const IV_LENGTH = 16;
const TAG_LENGTH = 32;
const BLOCK = 16;
const OVERHEAD = IV_LENGTH + TAG_LENGTH;

/** On-disk bytes of a segment holding `plaintextLength` bytes (PKCS#7 always adds 1–16 bytes). */
const sealedLength = (plaintextLength: number) => OVERHEAD + (Math.floor(plaintextLength / BLOCK) + 1) * BLOCK;
const FULL_SEGMENT = sealedLength(SEGMENT_SIZE);
const MIN_SEGMENT = sealedLength(0);

/** Test vectors only: the IV of segment `index`. Never set it otherwise; the default is random. */
export interface SegmentedOptions {
  iv?: (index: number) => Bytes;
}

/** The exact encrypted size of a blob of `plaintextLength` bytes (for Content-Length and size limits). */
export function encryptedBlobSize(plaintextLength: number): number {
  if (!Number.isSafeInteger(plaintextLength) || plaintextLength < 0) throw new RangeError('plaintextLength must be a non-negative integer');
  const nonFinal = Math.max(0, Math.ceil(plaintextLength / SEGMENT_SIZE) - 1);
  return HEADER_LENGTH + nonFinal * FULL_SEGMENT + sealedLength(plaintextLength - nonFinal * SEGMENT_SIZE);
}

// Fail when the stream is created, not at the first chunk, for mistakes that are the caller's.
function checkArguments(fileKey: Bytes, blobId: string): void {
  if (fileKey.length !== 32) throw new RangeError('file keys are 32 bytes');
  segmentContext(blobId, 0, true); // throws RangeError for an id that could forge another context
}

/** Copies as much of `chunk` from `offset` as fits into `target` after `filled`; returns the count. */
function fill(target: Bytes, filled: number, chunk: Uint8Array, offset: number): number {
  const count = Math.min(target.length - filled, chunk.length - offset);
  target.set(chunk.subarray(offset, offset + count), filled);
  return count;
}

async function sealSegment(key: SymmetricKey, blobId: string, index: number, isFinal: boolean, plaintext: Bytes, iv: Bytes): Promise<Bytes> {
  if (iv.length !== IV_LENGTH) throw new RangeError('the IV is 16 bytes');
  const ciphertext = await aesCbcEncrypt(key.encryption, iv, plaintext);
  const tag = await hmacSha256(key.authentication, authenticatedData(SEGMENTED_VERSION, segmentContext(blobId, index, isFinal), iv, ciphertext));
  return concat(iv, ciphertext, tag);
}

/** A stream that encrypts plaintext chunks of any size into the segmented format, header first. */
export function createEncryptionStream(fileKey: Bytes, blobId: string, options: SegmentedOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  checkArguments(fileKey, blobId);
  const ivFor = options.iv ?? (() => randomBytes(IV_LENGTH));
  const buffer = new Uint8Array(SEGMENT_SIZE);
  let filled = 0;
  let index = 0;
  let key: SymmetricKey;
  const seal = async (controller: TransformStreamDefaultController<Uint8Array>, isFinal: boolean) => {
    // WebCrypto copies its input when called, so the buffer can be refilled once this resolves.
    controller.enqueue(await sealSegment(key, blobId, index, isFinal, buffer.subarray(0, filled), ivFor(index)));
    index++;
    filled = 0;
  };
  return new TransformStream({
    start: async (controller) => {
      key = await deriveSymmetricKey(fileKey);
      controller.enqueue(concat(new Uint8Array([SEGMENTED_VERSION]), u32be(SEGMENT_SIZE)));
    },
    transform: async (chunk, controller) => {
      for (let offset = 0; offset < chunk.length; ) {
        // A full buffer is sealed as non-final only once more input proves it is not the last.
        if (filled === SEGMENT_SIZE) await seal(controller, false);
        const count = fill(buffer, filled, chunk, offset);
        filled += count;
        offset += count;
      }
    },
    // Whatever is buffered at the end is the final segment: empty only for an empty blob.
    flush: (controller) => seal(controller, true),
  });
}

function checkHeader(header: Bytes, filled: number): void {
  // The version is checked as soon as it arrives, so a newer client's blob says so even when cut short.
  if (filled >= 1 && header[0] !== SEGMENTED_VERSION) throw new UnknownVersionError(header[0]!, 'blob');
  // No MAC covers the size, and honouring it would let a server pick it (4 GiB segments exhaust memory).
  if (filled === HEADER_LENGTH && new DataView(header.buffer).getUint32(1) !== SEGMENT_SIZE) throw new MalformedError('blob header (segment size)');
}

async function openSegment(key: SymmetricKey, blobId: string, index: number, isFinal: boolean, segment: Bytes): Promise<Bytes> {
  // Only a final piece can have another length; anything but 48 + 16·k (k ≥ 1) was cut off.
  if (segment.length < MIN_SEGMENT || (segment.length - OVERHEAD) % BLOCK !== 0) throw new TruncatedError('blob');
  const iv = segment.subarray(0, IV_LENGTH);
  const ciphertext = segment.subarray(IV_LENGTH, segment.length - TAG_LENGTH);
  const tag = segment.subarray(segment.length - TAG_LENGTH);
  const data = authenticatedData(SEGMENTED_VERSION, segmentContext(blobId, index, isFinal), iv, ciphertext);
  // subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify('HMAC', key.authentication, tag, data))) throw new AuthenticationError('blob');
  let plaintext: Bytes;
  try {
    plaintext = await aesCbcDecrypt(key.encryption, iv, ciphertext);
  } catch {
    throw new AuthenticationError('blob'); // the MAC key matched but the AES key did not
  }
  // Reachable only by someone holding the file key; refused so every blob has the one documented shape.
  const wellFormed = isFinal ? plaintext.length <= SEGMENT_SIZE && (plaintext.length > 0 || index === 0) : plaintext.length === SEGMENT_SIZE;
  if (!wellFormed) throw new MalformedError('blob segment');
  return plaintext;
}

/** A stream that verifies and decrypts the segmented format; it never emits a segment before its MAC verifies. */
export function createDecryptionStream(fileKey: Bytes, blobId: string): TransformStream<Uint8Array, Uint8Array> {
  checkArguments(fileKey, blobId);
  const header = new Uint8Array(HEADER_LENGTH);
  const buffer = new Uint8Array(FULL_SEGMENT);
  let headerFilled = 0;
  let filled = 0;
  let index = 0;
  let key: SymmetricKey;
  const open = async (isFinal: boolean) => {
    const plaintext = await openSegment(key, blobId, index, isFinal, buffer.subarray(0, filled));
    index++;
    filled = 0;
    return plaintext;
  };
  return new TransformStream({
    start: async () => {
      key = await deriveSymmetricKey(fileKey);
    },
    transform: async (chunk, controller) => {
      let offset = 0;
      if (headerFilled < HEADER_LENGTH) {
        offset = fill(header, headerFilled, chunk, 0);
        headerFilled += offset;
        checkHeader(header, headerFilled);
      }
      while (offset < chunk.length) {
        // A full segment followed by more bytes cannot be the final one.
        if (filled === FULL_SEGMENT) controller.enqueue(await open(false));
        const count = fill(buffer, filled, chunk, offset);
        filled += count;
        offset += count;
      }
    },
    flush: async (controller) => {
      // No header, or a header and no segment at all: a blob always has a final segment.
      if (headerFilled < HEADER_LENGTH || filled === 0) throw new TruncatedError('blob');
      controller.enqueue(await open(true));
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Bytes> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  return concat(...parts);
}

function streamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start: (controller) => {
      controller.enqueue(data);
      controller.close();
    },
  });
}

/** Encrypts a whole blob held in memory (small files, tests); large files should use the stream. */
export function encryptBlob(fileKey: Bytes, blobId: string, plaintext: Uint8Array, options?: SegmentedOptions): Promise<Bytes> {
  return collect(streamOf(plaintext).pipeThrough(createEncryptionStream(fileKey, blobId, options)));
}

/** Verifies and decrypts a whole blob held in memory; throws as the decryption stream does. */
export function decryptBlob(fileKey: Bytes, blobId: string, data: Uint8Array): Promise<Bytes> {
  return collect(streamOf(data).pipeThrough(createDecryptionStream(fileKey, blobId)));
}
