import { describe, expect, it } from 'vitest';
import { jsonString, streamJsonWithBatches } from './json-stream';

async function read(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  let text = '';
  let chunks = 0;
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    chunks++;
  }
  return { text: text + decoder.decode(), chunks };
}

/** Batches of `items`' JSON texts, `size` at a time, counting how many batches were asked for. */
function batchesOf(items: unknown[], size: number) {
  let next = 0;
  const asked = { count: 0 };
  const nextBatch = async () => {
    asked.count++;
    if (next >= items.length) return null;
    const batch = items.slice(next, next + size).map((item) => JSON.stringify(item));
    next += size;
    return batch;
  };
  return { nextBatch, asked };
}

describe('a JSON answer streamed a batch at a time', () => {
  it.each([0, 1, 2, 3, 7])('with %i items is the JSON of the whole object', async (count) => {
    const items = Array.from({ length: count }, (_, index) => ({ n: index, name: `item "${index}" ✓` }));
    const { text } = await read(streamJsonWithBatches({ cursor: 'c1.5', full: true }, 'items', batchesOf(items, 3).nextBatch));
    expect(JSON.parse(text)).toEqual({ cursor: 'c1.5', full: true, items });
  });

  it('asks for each batch only when the reader wants more, one chunk per batch', async () => {
    const { nextBatch, asked } = batchesOf([1, 2, 3, 4, 5], 2);
    const stream = streamJsonWithBatches({ a: 1 }, 'items', nextBatch);
    expect(asked.count).toBe(0);
    const { text, chunks } = await read(stream);
    expect(JSON.parse(text)).toEqual({ a: 1, items: [1, 2, 3, 4, 5] });
    expect(chunks).toBeGreaterThanOrEqual(4);
  });

  it('goes on past an empty batch (every item of it gone) instead of stalling', async () => {
    const batches = [['1'], [], [], ['2', '3'], []];
    const { text } = await read(streamJsonWithBatches({}, 'items', async () => batches.shift() ?? null));
    expect(JSON.parse(text)).toEqual({ items: [1, 2, 3] });
  });

  it('works with an empty head', async () => {
    expect(JSON.parse((await read(streamJsonWithBatches({}, 'items', batchesOf(['x'], 10).nextBatch))).text)).toEqual({ items: ['x'] });
  });
});

describe('a string written as JSON', () => {
  const awkward = ['', 'plain text', 'say "hi"', 'back\\slash', 'line\nbreak', '\u0000\u001f\u0020\u007f', 'tab\there', '</script>', 'Ärztekammer', '\u2028\u2029', '🔑 paired', 'lone \ud83d high', 'lone \udd11 low', '\udd11\ud83d reversed', 'end \ud83d'];

  it.each(awkward)('is what JSON.stringify writes: %j', (text) => {
    expect(jsonString(text)).toBe(JSON.stringify(text));
  });

  it('is what JSON.stringify writes for any code unit, and for null', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `a${String.fromCharCode(unit)}b`;
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }
    expect(jsonString(null)).toBe('null');
  });
});
