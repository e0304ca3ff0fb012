import { describe, expect, it } from 'vitest';
import { streamJsonWithArray } from './json-stream';

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

describe('a JSON answer streamed a batch at a time', () => {
  it.each([0, 1, 2, 3, 7])('with %i items is the JSON of the whole object', async (count) => {
    const items = Array.from({ length: count }, (_, index) => ({ n: index, name: `item "${index}" ✓` }));
    const { text } = await read(streamJsonWithArray({ cursor: 'c1.5', full: true }, 'items', items, (item) => JSON.stringify(item), 3));
    expect(JSON.parse(text)).toEqual({ cursor: 'c1.5', full: true, items });
  });

  it('writes one chunk per batch, lazily', async () => {
    let made = 0;
    const stream = streamJsonWithArray({ a: 1 }, 'items', [1, 2, 3, 4, 5], (item) => {
      made++;
      return String(item);
    }, 2);
    expect(made).toBe(0);
    const { text, chunks } = await read(stream);
    expect(JSON.parse(text)).toEqual({ a: 1, items: [1, 2, 3, 4, 5] });
    expect(chunks).toBeGreaterThanOrEqual(4);
  });

  it('works with an empty head', async () => {
    expect(JSON.parse((await read(streamJsonWithArray({}, 'items', ['x'], (item) => JSON.stringify(item), 10))).text)).toEqual({ items: ['x'] });
  });
});
