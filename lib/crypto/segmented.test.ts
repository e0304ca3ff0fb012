import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, randomBytes, toHex } from './bytes';
import { segmentContext } from './contexts';
import { AuthenticationError, MalformedError, TruncatedError, UnknownVersionError } from './errors';
import { sha256, type Bytes } from './primitives';
import { createDecryptionStream, createEncryptionStream, decryptBlob, encryptBlob, encryptedBlobSize, SEGMENT_SIZE } from './segmented';
import { deriveSymmetricKey, encryptBytes } from './symmetric';

const fileKey = randomBytes(32);
const BLOB = 'attachment-1';
const HEADER = 5;
const FULL = 16 + SEGMENT_SIZE + 16 + 32;

const patterned = (length: number) => Uint8Array.from({ length }, (_, i) => i % 251);
/** Reproducible pseudo-random bytes (xorshift32), so a failing fast-check seed replays the same data. */
function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed | 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
/** toEqual walks typed arrays element by element (slow at 200 KB); this reports length and first difference. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  let firstDifference = -1;
  for (let i = 0; i < Math.min(actual.length, expected.length) && firstDifference < 0; i++) if (actual[i] !== expected[i]) firstDifference = i;
  expect({ length: actual.length, firstDifference }).toEqual({ length: expected.length, firstDifference: -1 });
}
const segmentsOf = (blob: Uint8Array) => {
  const out: Uint8Array[] = [];
  for (let offset = HEADER; offset < blob.length; offset += FULL) out.push(blob.slice(offset, Math.min(blob.length, offset + FULL)));
  return out;
};
const rebuild = (blob: Uint8Array, segments: Uint8Array[]) => concat(blob.slice(0, HEADER), ...segments);

/** Feeds `data` in chunks whose sizes cycle through `sizes`, one per pull (Node's stream queue is slow when long). */
function chunked(data: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let offset = 0;
  let i = 0;
  return new ReadableStream({
    pull: (controller) => {
      if (offset >= data.length) return controller.close();
      const size = sizes[i++ % sizes.length]!;
      controller.enqueue(data.slice(offset, offset + size));
      offset += size;
    },
  });
}
async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const part of stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return parts;
}
const pipe = async (data: Uint8Array, sizes: number[], transform: TransformStream<Uint8Array, Uint8Array>) => concat(...(await drain(chunked(data, sizes).pipeThrough(transform))));

describe('segmented blobs', () => {
  it.each([0, 1, 15, 16, 65535, 65536, 65537, 3 * 65536])('round-trip %d bytes, at exactly the predicted size', async (length) => {
    const plaintext = patterned(length);
    const blob = await encryptBlob(fileKey, BLOB, plaintext);
    expect(blob.length).toBe(encryptedBlobSize(length));
    expectSameBytes(await decryptBlob(fileKey, BLOB, blob), plaintext);
  });

  it('round-trip any data, encrypted and decrypted in any chunking', async () => {
    const sizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 140_000 })), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200_000 }), fc.integer(), sizes, sizes, async (length, seed, inSizes, outSizes) => {
        const plaintext = pseudoRandom(length, seed);
        const blob = await pipe(plaintext, inSizes, createEncryptionStream(fileKey, BLOB));
        expect(blob.length).toBe(encryptedBlobSize(length));
        expectSameBytes(await pipe(blob, outSizes, createDecryptionStream(fileKey, BLOB)), plaintext);
      }),
      { seed: 424242, numRuns: 25 },
    );
  });

  it('decrypt when fed one byte at a time', async () => {
    const plaintext = patterned(70_000);
    expectSameBytes(await pipe(await encryptBlob(fileKey, BLOB, plaintext), [1], createDecryptionStream(fileKey, BLOB)), plaintext);
  });

  it('encrypt a segment as soon as the next byte proves it is not the last (flat memory)', async () => {
    const encryption = createEncryptionStream(fileKey, BLOB);
    const writer = encryption.writable.getWriter();
    const reader = encryption.readable.getReader();
    void writer.write(new Uint8Array(SEGMENT_SIZE + 1));
    expect((await reader.read()).value).toHaveLength(HEADER);
    expect((await reader.read()).value).toHaveLength(FULL);
    void writer.close();
    expect((await reader.read()).value).toHaveLength(16 + 16 + 32);
  });

  describe('match the vectors of docs/cryptography.md', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const vectorBlob = (length: number) => encryptBlob(key, 'attachment-vector-1', patterned(length), { iv: (index) => new Uint8Array(16).fill(index + 1) });

    it('70,000 bytes', async () => {
      const blob = await vectorBlob(70_000);
      expect(blob.length).toBe(70_133);
      expect(toHex(await sha256(blob))).toBe('78915983d0b2386d327fe574f44ad11a8eb5745f8ada4b6805947c12007f231c');
      expect(toHex(blob.slice(HEADER + FULL - 32, HEADER + FULL))).toBe('94f82725b19c25f07edcbcd5c25ae84e0f2f599cd0584851ac911ed4a180f6e6');
      expect(toHex(blob.slice(-32))).toBe('30d58a393f8e0e4abdd16f704cbc306d05f5b88871036893b5f79dd746bacef7');
      expectSameBytes(await decryptBlob(key, 'attachment-vector-1', blob), patterned(70_000));
    });

    it('the empty blob', async () => {
      const blob = await vectorBlob(0);
      const expected = '0100010000' + '01'.repeat(16) + '132ae923e86560c697f120082d872130' + 'a8ec53c7d47d9c2ac28df3412e292aabe32c913bc9f8d5799ca4940170178c27';
      expect(toHex(blob)).toBe(expected);
      expect(toHex(await sha256(blob))).toBe('ccd9d5e655583cb3c4856f7420486aeef12ffa09014d1683951f8439f1a9cadd');
      expect(await decryptBlob(key, 'attachment-vector-1', blob)).toEqual(new Uint8Array(0));
    });
  });

  it('refuse a bad key length, a context-forging blob id, or a test IV of the wrong size', async () => {
    expect(() => createDecryptionStream(randomBytes(16), BLOB)).toThrow(RangeError);
    expect(() => createEncryptionStream(fileKey, 'a/0/1')).toThrow(RangeError);
    await expect(encryptBlob(fileKey, BLOB, patterned(10), { iv: () => new Uint8Array(8) })).rejects.toThrow(RangeError);
    expect(() => encryptedBlobSize(-1)).toThrow(RangeError);
  });

  describe('detect damage', async () => {
    const blob = await encryptBlob(fileKey, BLOB, patterned(3 * SEGMENT_SIZE + 100));
    const segments = segmentsOf(blob);
    const other = segmentsOf(await encryptBlob(fileKey, 'attachment-2', patterned(3 * SEGMENT_SIZE + 100)));
    const exact = await encryptBlob(fileKey, BLOB, patterned(2 * SEGMENT_SIZE));
    const reject = (data: Uint8Array, errorClass: new (...args: never[]) => Error, key: Bytes = fileKey, blobId = BLOB) =>
      expect(decryptBlob(key, blobId, data)).rejects.toThrow(errorClass);

    it('any flipped byte: in a segment, in the header size, in the version', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: blob.length - 1 }), fc.integer({ min: 1, max: 255 }), async (position, mask) => {
          const tampered = blob.slice();
          tampered[position]! ^= mask;
          await reject(tampered, position === 0 ? UnknownVersionError : position < HEADER ? MalformedError : AuthenticationError);
        }),
        { seed: 424242, numRuns: 40, examples: [[0, 1], [1, 1], [HEADER, 1], [HEADER + FULL - 1, 1], [blob.length - 1, 0x80]] },
      );
    });

    // Cut after 3 of 4 segments is the same as dropping the final segment.
    it.each([1, 2, 3])('truncation at the boundary after %d of 4 segments', async (kept) => {
      await reject(rebuild(blob, segments.slice(0, kept)), AuthenticationError);
    });

    it('truncation at the boundary of a blob whose final segment is full', async () => {
      await reject(exact.slice(0, HEADER + FULL), AuthenticationError);
    });

    it.each([
      ['nothing at all', 0],
      ['part of the header', 3],
      ['the header alone (no final segment)', HEADER],
      ['the middle of the first segment', HEADER + 1000],
      ['part of an IV', HEADER + FULL + 10],
      ['mid-ciphertext, at a length no segment can have', HEADER + FULL + 1000],
      ['inside the final tag', blob.length - 7],
    ])('truncation to %s', async (_what, length) => {
      await reject(blob.slice(0, length), TruncatedError);
    });

    it('truncation that leaves a final piece of possible length fails the MAC instead', async () => {
      await reject(blob.slice(0, blob.length - 16), AuthenticationError);
      await reject(blob.slice(0, HEADER + FULL + 64), AuthenticationError);
    });

    it.each([
      ['the final segment dropped', () => segments.slice(0, 3)],
      ['an extra segment appended', () => [...segments, segments[1]!]],
      ['a final segment appended twice', () => [...segments, segments[3]!]],
      ['two segments swapped', () => [segments[1]!, segments[0]!, segments[2]!, segments[3]!]],
      ['a segment from another blob id spliced in', () => [segments[0]!, other[1]!, segments[2]!, segments[3]!]],
      ["another blob's final segment at the end", () => [...segments.slice(0, 3), other[3]!]],
    ])('%s', async (_what, damage) => {
      await reject(rebuild(blob, damage()), AuthenticationError);
    });

    it('an extra segment after a full final segment, or after a short one', async () => {
      await reject(concat(exact, segmentsOf(exact)[0]!), AuthenticationError);
      await reject(concat(blob, segments[3]!.slice(0, 64)), AuthenticationError);
    });

    it('stray bytes after the final segment: the length of the last piece decides', async () => {
      await reject(concat(blob, new Uint8Array(10)), TruncatedError);
      await reject(concat(blob, new Uint8Array(16)), AuthenticationError);
    });

    it('a wrong key or another blob id', async () => {
      await reject(blob, AuthenticationError, randomBytes(32));
      await reject(blob, AuthenticationError, fileKey, 'attachment-2');
    });

    it.each([0, 2, 0xff])('header version %d', async (version) => {
      await reject(concat(new Uint8Array([version]), blob.slice(1)), UnknownVersionError);
      await reject(new Uint8Array([version]), UnknownVersionError);
    });

    it.each([0, 1024, 65535, 65537, 0xffffffff])('header segment size %d', async (size) => {
      const header = blob.slice(0, HEADER);
      new DataView(header.buffer).setUint32(1, size);
      await reject(concat(header, blob.slice(HEADER)), MalformedError);
    });

    it('never emit the plaintext of a segment that fails its MAC', async () => {
      const tampered = rebuild(blob, [segments[0]!, other[1]!, segments[2]!, segments[3]!]);
      const emitted: Uint8Array[] = [];
      const stream = chunked(tampered, [FULL]).pipeThrough(createDecryptionStream(fileKey, BLOB));
      await expect(stream.pipeTo(new WritableStream({ write: (part) => void emitted.push(part) }))).rejects.toThrow(AuthenticationError);
      expectSameBytes(concat(...emitted), patterned(SEGMENT_SIZE));
    });
  });

  describe('refuse well-authenticated blobs of another shape (only a file-key holder can write them)', async () => {
    const key = await deriveSymmetricKey(fileKey);
    // A segment is the symmetric format without its leading version byte: both MAC version 1.
    const seal = async (index: number, isFinal: boolean, length: number) => (await encryptBytes(key, segmentContext(BLOB, index, isFinal), patterned(length))).slice(1);
    const header = (await encryptBlob(fileKey, BLOB, new Uint8Array(0))).slice(0, HEADER);

    // 65,536 to 65,551 plaintext bytes all pad to 65,552 ciphertext bytes, the size of a full segment.
    it('a non-final segment holding more than 64 KiB', async () => {
      const blob = concat(header, await seal(0, false, SEGMENT_SIZE + 4), await seal(1, true, 10));
      expect(blob.length).toBe(HEADER + FULL + 64);
      await expect(decryptBlob(fileKey, BLOB, blob)).rejects.toThrow(MalformedError);
    });

    it('a final segment holding more than 64 KiB', async () => {
      await expect(decryptBlob(fileKey, BLOB, concat(header, await seal(0, true, SEGMENT_SIZE + 15)))).rejects.toThrow(MalformedError);
    });

    it('an empty final segment after a full one', async () => {
      const blob = concat(header, await seal(0, false, SEGMENT_SIZE), await seal(1, true, 0));
      await expect(decryptBlob(fileKey, BLOB, blob)).rejects.toThrow(MalformedError);
      expect(await decryptBlob(fileKey, BLOB, concat(header, await seal(0, true, 0)))).toEqual(new Uint8Array(0));
    });
  });
});
