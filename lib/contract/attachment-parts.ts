// How an attachment's encrypted blob (docs/cryptography.md, "Segmented blobs") is cut for upload
// and storage. The blob's declared size fixes everything: chunk 0 is the 5-byte header and the
// first segment, every further chunk one segment; a part is PART_CHUNKS chunks, sent with one PUT.
// Client and server compute the same cuts, so the server can check each part's exact length and
// seal each segment on its own without parsing anything inside it.

const HEADER = 5;
/** One full segment on the wire: IV, 65,536 bytes padded to 65,552, tag. */
const FULL_SEGMENT = 65_600;
const MIN_SEGMENT = 64;
/** Segments per part: 15 keep a part (≤ 984,005 bytes) under the server's default 1 MiB body limit. */
export const PART_CHUNKS = 15;

/** True when `encryptedSize` is the size of some segmented blob (a header, whole segments, a final one of a possible length). */
export function isBlobSize(encryptedSize: number): boolean {
  if (!Number.isSafeInteger(encryptedSize) || encryptedSize < HEADER + MIN_SEGMENT) return false;
  const final = (encryptedSize - HEADER) % FULL_SEGMENT || FULL_SEGMENT;
  return final >= MIN_SEGMENT && (final - 48) % 16 === 0;
}

/** How many stored chunks (one per segment) a blob of `encryptedSize` bytes has. */
export function chunkCount(encryptedSize: number): number {
  return Math.ceil((encryptedSize - HEADER) / FULL_SEGMENT);
}

/** The byte length of chunk `index` of a blob of `encryptedSize` bytes. */
export function chunkLength(encryptedSize: number, index: number): number {
  const count = chunkCount(encryptedSize);
  const segment = index < count - 1 ? FULL_SEGMENT : encryptedSize - HEADER - (count - 1) * FULL_SEGMENT;
  return index === 0 ? HEADER + segment : segment;
}

/** How many parts the upload of a blob of `encryptedSize` bytes takes. */
export function partCount(encryptedSize: number): number {
  return Math.ceil(chunkCount(encryptedSize) / PART_CHUNKS);
}

/** The chunk lengths that make up part `part`; empty past the last part. */
export function partChunks(encryptedSize: number, part: number): number[] {
  const count = chunkCount(encryptedSize);
  const lengths: number[] = [];
  for (let index = part * PART_CHUNKS; index < Math.min(count, (part + 1) * PART_CHUNKS); index++) lengths.push(chunkLength(encryptedSize, index));
  return lengths;
}

/** The byte length of part `part` (0 past the last part). */
export function partLength(encryptedSize: number, part: number): number {
  return partChunks(encryptedSize, part).reduce((sum, length) => sum + length, 0);
}
