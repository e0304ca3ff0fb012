import type { ChunkRow } from './attachments.repository';

// A download reads a few chunks at a time as the client takes them (pull), so a 50 MB file
// costs the server a few hundred kilobytes however slowly it is read.

const BATCH = 8;

/** What openChunks needs: how many chunks there are, how to read a batch, how to open one. */
export interface ChunkSource {
  count: number;
  read(from: number, limit: number): Promise<ChunkRow[]>;
  open(index: number, sealed: string): Uint8Array;
}

/** A stream of chunks 0 … count − 1 in order; it errors (the response is cut off) on a missing, extra or damaged chunk. */
export function openChunks(source: ChunkSource): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (next === source.count) return controller.close();
        const rows = await source.read(next, Math.min(BATCH, source.count - next));
        if (rows.length === 0) throw new Error(`chunk ${next} is missing`);
        for (const row of rows) {
          // A gap in the indexes is a lost row; the seal of each row names its index, so a renumbered one fails to open.
          if (row.idx !== next) throw new Error(`chunk ${next} is missing`);
          controller.enqueue(source.open(row.idx, row.data));
          next++;
        }
      },
    },
    { highWaterMark: 2 },
  );
}
