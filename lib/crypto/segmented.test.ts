import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, randomBytes } from './bytes';
import { AuthenticationError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { createDecryptionStream, decryptBlob, encryptBlob, encryptedBlobSize, SEGMENT_SIZE } from './segmented';

const fileKey = randomBytes(32);
const BLOB = 'attachment-1';
const HEADER = 5;
const FULL = 16 + SEGMENT_SIZE + 16 + 32;

const patterned = (length: number) => Uint8Array.from({ length }, (_, i) => i % 251);
const segmentsOf = (blob: Uint8Array) => {
  const out: Uint8Array[] = [];
  for (let offset = HEADER; offset < blob.length; offset += FULL) out.push(blob.slice(offset, Math.min(blob.length, offset + FULL)));
  return out;
};
const rebuild = (blob: Uint8Array, segments: Uint8Array[]) => concat(blob.slice(0, HEADER), ...segments);

async function decryptInChunks(data: Uint8Array, chunkSize: number): Promise<Uint8Array> {
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => {
      for (let offset = 0; offset < data.length; offset += chunkSize) controller.enqueue(data.slice(offset, offset + chunkSize));
      controller.close();
    },
  }).pipeThrough(createDecryptionStream(fileKey, BLOB));
  const parts: Uint8Array[] = [];
  for await (const part of stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return concat(...parts);
}

describe('segmented blobs', () => {
  it.each([0, 1, 15, 16, 65535, 65536, 65537, 3 * 65536])('round-trip %d bytes, at exactly the predicted size', async (length) => {
    const plaintext = patterned(length);
    const blob = await encryptBlob(fileKey, BLOB, plaintext);
    expect(blob.length).toBe(encryptedBlobSize(length));
    expect(await decryptBlob(fileKey, BLOB, blob)).toEqual(plaintext);
  });

  it('round-trip any data fed in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 70_000 }), async (length, chunk) => {
        const plaintext = randomBytes(length);
        expect(await decryptInChunks(await encryptBlob(fileKey, BLOB, plaintext), chunk)).toEqual(plaintext);
      }),
      { seed: 424242, numRuns: 15 },
    );
  });

  it('decrypt when fed one byte at a time', async () => {
    const plaintext = patterned(70_000);
    expect(await decryptInChunks(await encryptBlob(fileKey, BLOB, plaintext), 1)).toEqual(plaintext);
  });

  it('detect any flipped byte', async () => {
    const blob = await encryptBlob(fileKey, BLOB, patterned(140_000));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: HEADER, max: blob.length - 1 }), async (index) => {
        const tampered = blob.slice();
        tampered[index]! ^= 0x01;
        await expect(decryptBlob(fileKey, BLOB, tampered)).rejects.toThrow(AuthenticationError);
      }),
      { seed: 77, numRuns: 30 },
    );
  });

  describe('detect damage', async () => {
    const blob = await encryptBlob(fileKey, BLOB, patterned(3 * SEGMENT_SIZE + 100));
    const segments = segmentsOf(blob);
    const other = segmentsOf(await encryptBlob(fileKey, 'attachment-2', patterned(3 * SEGMENT_SIZE + 100)));

    it.each([
      ['truncated at every segment boundary', () => segments.slice(0, 1), AuthenticationError],
      ['with the final segment dropped', () => segments.slice(0, 3), AuthenticationError],
      ['cut in the middle of a segment', () => [segments[0]!, segments[1]!.slice(0, 1000)], TruncatedError],
      ['cut inside the final tag', () => [...segments.slice(0, 3), segments[3]!.slice(0, -7)], TruncatedError],
      ['with an extra segment appended', () => [...segments, segments[1]!], AuthenticationError],
      ['with two segments swapped', () => [segments[1]!, segments[0]!, segments[2]!, segments[3]!], AuthenticationError],
      ['with a segment from another blob spliced in', () => [segments[0]!, other[1]!, segments[2]!, segments[3]!], AuthenticationError],
    ])('%s', async (_what, damage, errorClass) => {
      await expect(decryptBlob(fileKey, BLOB, rebuild(blob, damage()))).rejects.toThrow(errorClass);
    });

    it('truncated to the header alone, or to nothing', async () => {
      await expect(decryptBlob(fileKey, BLOB, blob.slice(0, HEADER))).rejects.toThrow(TruncatedError);
      await expect(decryptBlob(fileKey, BLOB, blob.slice(0, 3))).rejects.toThrow(TruncatedError);
    });

    it('under a wrong key or another blob id', async () => {
      await expect(decryptBlob(randomBytes(32), BLOB, blob)).rejects.toThrow(AuthenticationError);
      await expect(decryptBlob(fileKey, 'attachment-2', blob)).rejects.toThrow(AuthenticationError);
    });

    it('with an unknown version or a segment size chosen by someone else', async () => {
      await expect(decryptBlob(fileKey, BLOB, concat(new Uint8Array([2]), blob.slice(1)))).rejects.toThrow(UnknownVersionError);
      const header = blob.slice(0, HEADER);
      new DataView(header.buffer).setUint32(1, 1024);
      await expect(decryptBlob(fileKey, BLOB, concat(header, blob.slice(HEADER)))).rejects.toThrow(MalformedError);
    });
  });

});
