import type { Bytes } from './primitives';

/** A FIFO of bytes fed in chunks of any size, read in exact lengths; linear in the bytes moved. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private offset = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Removes and returns the first `count` bytes (count ≤ length). */
  take(count: number): Bytes {
    if (count > this.length) throw new RangeError('not enough bytes queued');
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[0]!;
      const piece = Math.min(chunk.length - this.offset, count - filled);
      out.set(chunk.subarray(this.offset, this.offset + piece), filled);
      filled += piece;
      this.offset += piece;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.length -= count;
    return out;
  }
}
