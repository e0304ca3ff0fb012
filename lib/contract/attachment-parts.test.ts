import { describe, expect, it } from 'vitest';
import { encryptedBlobSize } from '../crypto/segmented';
import { chunkCount, isBlobSize, partChunks, partCount, partLength, PART_CHUNKS } from './attachment-parts';

describe('attachment parts', () => {
  it.each([0, 1, 15, 16, 65_535, 65_536, 65_537, 131_072, 50_000_000])('cuts a blob of %i plaintext bytes into parts that add up to it', (plaintext) => {
    const size = encryptedBlobSize(plaintext);
    expect(isBlobSize(size)).toBe(true);
    expect(chunkCount(size)).toBe(Math.max(1, Math.ceil(plaintext / 65_536)));
    let total = 0;
    for (let part = 0; part < partCount(size); part++) total += partLength(size, part);
    expect(total).toBe(size);
    expect(partChunks(size, partCount(size))).toEqual([]);
  });

  it('keeps every part under 1 MiB', () => {
    const size = encryptedBlobSize(50_000_000);
    expect(partChunks(size, 0)).toHaveLength(PART_CHUNKS);
    expect(Math.max(...Array.from({ length: partCount(size) }, (_, part) => partLength(size, part)))).toBeLessThan(1024 * 1024);
  });

  it.each([0, 68, 70, 5 + 65_600 + 63, 5 + 65_600 + 65, -1, 1.5])('refuses %s as a blob size', (size) => {
    expect(isBlobSize(size)).toBe(false);
  });
});
