// Large JSON answers (a full sync of a big vault) are written a batch at a time as the client reads,
// so the whole answer is never one string in memory.

/**
 * `{...head, [key]: [...items]}` as a stream of UTF-8 JSON: `head` serialised once, then each item's
 * JSON text from `itemJson`, `batchSize` items per chunk, computed only when the reader wants more.
 */
export function streamJsonWithArray<T>(head: Record<string, unknown>, key: string, items: readonly T[], itemJson: (item: T) => string, batchSize: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const opening = JSON.stringify(head);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(`${opening.length > 2 ? `${opening.slice(0, -1)},` : '{'}${JSON.stringify(key)}:[`)),
    pull: (controller) => {
      const batch = items.slice(next, next + batchSize).map(itemJson);
      if (batch.length > 0) controller.enqueue(encoder.encode(`${next > 0 ? ',' : ''}${batch.join(',')}`));
      next += batchSize;
      if (next >= items.length) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
      }
    },
  });
}
