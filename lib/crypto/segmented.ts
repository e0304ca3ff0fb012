import { ByteQueue } from './byte-queue';
import { concat, randomBytes, u32be } from './bytes';
import { segmentContext } from './contexts';
import { AuthenticationError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { aesCbcDecrypt, aesCbcEncrypt, hmacSha256, type Bytes } from './primitives';
import { authenticatedData, deriveSymmetricKey, type SymmetricKey } from './symmetric';

// The segmented format for attachments and archives (docs/cryptography.md, "Segmented blobs"):
//   header  = 0x01 ‖ u32be(65536)
//   segment = IV (16) ‖ AES-256-CBC(64 KiB of plaintext, PKCS#7) ‖ HMAC-SHA-256 tag (32)
// Each tag covers authenticatedData(1, "<blobId>/<index>/<isFinal>", IV, ciphertext). Every segment
// but the last holds exactly 64 KiB, so a reader knows a segment is final only when the stream ends
// after it: cutting the stream at a segment boundary makes a non-final segment look final and its
// MAC fails. Memory stays flat: at most two segments are buffered on either side.

/** Format version of the header. */
export const SEGMENTED_VERSION = 1;
/** Plaintext bytes per segment; the only value readers accept. */
export const SEGMENT_SIZE = 65536;
const HEADER_LENGTH = 5;
const IV_LENGTH = 16;
const TAG_LENGTH = 32;
const OVERHEAD = IV_LENGTH + TAG_LENGTH;
/** Bytes on disk of a full (non-final) segment. */
const FULL_SEGMENT = OVERHEAD + SEGMENT_SIZE + 16;

/** Options for test vectors only: the IV of each segment. Leave unset: IVs are random. */
export interface SegmentOptions {
  iv?: (index: number) => Bytes;
}

/** The exact encrypted size of a blob of `plaintextLength` bytes (for Content-Length and limits). */
export function encryptedBlobSize(plaintextLength: number): number {
  const full = plaintextLength === 0 ? 0 : Math.floor((plaintextLength - 1) / SEGMENT_SIZE);
  const last = plaintextLength - full * SEGMENT_SIZE;
  return HEADER_LENGTH + full * FULL_SEGMENT + OVERHEAD + (Math.floor(last / 16) + 1) * 16;
}

async function sealSegment(key: SymmetricKey, blobId: string, index: number, isFinal: boolean, plaintext: Bytes, iv: Bytes): Promise<Bytes> {
  const ciphertext = await aesCbcEncrypt(key.encryption, iv, plaintext);
  const tag = await hmacSha256(key.authentication, authenticatedData(SEGMENTED_VERSION, segmentContext(blobId, index, isFinal), iv, ciphertext));
  return concat(iv, ciphertext, tag);
}

async function openSegment(key: SymmetricKey, blobId: string, index: number, isFinal: boolean, segment: Bytes): Promise<Bytes> {
  if (segment.length < OVERHEAD + 16 || (segment.length - OVERHEAD) % 16 !== 0) throw new TruncatedError('blob');
  const iv = segment.subarray(0, IV_LENGTH);
  const ciphertext = segment.subarray(IV_LENGTH, segment.length - TAG_LENGTH);
  const tag = segment.subarray(segment.length - TAG_LENGTH);
  const data = authenticatedData(SEGMENTED_VERSION, segmentContext(blobId, index, isFinal), iv, ciphertext);
  if (!(await crypto.subtle.verify('HMAC', key.authentication, tag, data))) throw new AuthenticationError('blob');
  try {
    return await aesCbcDecrypt(key.encryption, iv, ciphertext);
  } catch {
    throw new AuthenticationError('blob');
  }
}

/** A stream that encrypts plaintext chunks of any size into the segmented format. */
export function createEncryptionStream(fileKey: Bytes, blobId: string, options: SegmentOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  const pending = new ByteQueue();
  const ivFor = options.iv ?? (() => randomBytes(IV_LENGTH));
  let key: SymmetricKey;
  let index = 0;
  const emit = async (controller: TransformStreamDefaultController<Uint8Array>, isFinal: boolean, plaintext: Bytes) => {
    controller.enqueue(await sealSegment(key, blobId, index, isFinal, plaintext, ivFor(index)));
    index++;
  };
  return new TransformStream({
    start: async (controller) => {
      key = await deriveSymmetricKey(fileKey);
      controller.enqueue(concat(new Uint8Array([SEGMENTED_VERSION]), u32be(SEGMENT_SIZE)));
    },
    // A segment is written only once more input proves it is not the last.
    transform: async (chunk, controller) => {
      pending.push(chunk);
      while (pending.length > SEGMENT_SIZE) await emit(controller, false, pending.take(SEGMENT_SIZE));
    },
    flush: (controller) => emit(controller, true, pending.take(pending.length)),
  });
}

function readHeader(header: Bytes): void {
  if (header[0] !== SEGMENTED_VERSION) throw new UnknownVersionError(header[0]!, 'blob');
  if (new DataView(header.buffer, header.byteOffset).getUint32(1) !== SEGMENT_SIZE) throw new MalformedError('blob header (segment size)');
}

/** A stream that verifies and decrypts the segmented format; it never emits unverified plaintext. */
export function createDecryptionStream(fileKey: Bytes, blobId: string): TransformStream<Uint8Array, Uint8Array> {
  const pending = new ByteQueue();
  let key: SymmetricKey;
  let headerRead = false;
  let index = 0;
  return new TransformStream({
    start: async () => {
      key = await deriveSymmetricKey(fileKey);
    },
    transform: async (chunk, controller) => {
      pending.push(chunk);
      if (!headerRead && pending.length >= HEADER_LENGTH) {
        readHeader(pending.take(HEADER_LENGTH));
        headerRead = true;
      }
      // More bytes after a full segment prove that segment is not the final one.
      while (headerRead && pending.length > FULL_SEGMENT) controller.enqueue(await openSegment(key, blobId, index++, false, pending.take(FULL_SEGMENT)));
    },
    flush: async (controller) => {
      if (!headerRead || pending.length === 0) throw new TruncatedError('blob');
      controller.enqueue(await openSegment(key, blobId, index, true, pending.take(pending.length)));
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

/** Encrypts a whole blob in memory (small files, tests); large files should use the stream. */
export function encryptBlob(fileKey: Bytes, blobId: string, plaintext: Uint8Array, options?: SegmentOptions): Promise<Bytes> {
  return collect(streamOf(plaintext).pipeThrough(createEncryptionStream(fileKey, blobId, options)));
}

/** Verifies and decrypts a whole blob in memory. */
export function decryptBlob(fileKey: Bytes, blobId: string, data: Uint8Array): Promise<Bytes> {
  return collect(streamOf(data).pipeThrough(createDecryptionStream(fileKey, blobId)));
}
