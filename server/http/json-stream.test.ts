import { describe, expect, it } from 'vitest';
import { jsonString, streamJsonWithArray } from './json-stream';

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
