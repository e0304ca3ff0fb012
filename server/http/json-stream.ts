// Large JSON answers (a full sync of a big vault) are written a batch at a time as the client reads,
// so the whole answer is never one string in memory.

/** Code units JSON.stringify writes other than as themselves: controls, `"`, `\` and surrogates (a lone one is escaped). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is looked for
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * `JSON.stringify(value)` for a string or null, cheaper for the plain text most columns hold (names,
 * ids, logins): a string with none of the code units JSON escapes is written as it is, in quotes.
 * Paired surrogates take the slow path too, which is only slower, never different.
 */
export function jsonString(value: string | null): string {
  if (value === null) return 'null';
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * `parts` joined by commas (and led by one when `leadingComma`) as UTF-8, written straight into one
 * buffer: joining first would copy a batch's text once more only to encode it.
 */
function encodeJoined(parts: string[], leadingComma: boolean): Uint8Array {
  const commas = parts.length - 1 + (leadingComma ? 1 : 0);
  const size = parts.reduce((total, part) => total + Buffer.byteLength(part), commas);
  const buffer = Buffer.allocUnsafe(size);
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0 || leadingComma) buffer[offset++] = 0x2c;
    offset += buffer.write(part, offset);
  });
  return buffer;
}

/**
 * `{...head, [key]: [...items]}` as a stream of UTF-8 JSON: `head` serialised once, then the items'
 * JSON texts a batch at a time from `nextBatch` (null when there are no more), asked for only when
 * the reader wants more, so neither the rows nor the text of a large answer are all in memory.
 */
export function streamJsonWithBatches(head: Record<string, unknown>, key: string, nextBatch: () => Promise<string[] | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const opening = JSON.stringify(head);
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(`${opening.length > 2 ? `${opening.slice(0, -1)},` : '{'}${JSON.stringify(key)}:[`)),
    pull: async (controller) => {
      // A pull that enqueues nothing is not called again: an empty batch is skipped here.
      let batch = await nextBatch();
      while (batch?.length === 0) batch = await nextBatch();
      if (batch === null) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
        return;
      }
      controller.enqueue(encodeJoined(batch, written > 0));
      written += batch.length;
    },
  });
}
