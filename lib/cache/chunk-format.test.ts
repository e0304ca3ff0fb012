import { describe, expect, it } from 'vitest';
import { buildChunk, decodeChunk, entryToTuple } from './chunk-format';
import { CacheCorruptError } from './errors';
import type { IndexBlock } from './index-block';
import { buildSyntheticEntries } from './synthetic-vault';

// An index chunk read back must search and list exactly like the block it was written from, parse
// its entries only when asked, and refuse plaintext it did not write (the MAC already vouches for the
// bytes; this catches a format this code does not know).

const entries = [...buildSyntheticEntries(300, { seed: 21 }), { ...buildSyntheticEntries(1, { seed: 22 })[0]!, name: 'Zürich «Ünïcode» \n two lines', tags: ['ёж', '"quoted"'] }];
const rowsOf = (block: IndexBlock) => Array.from({ length: block.size }, (_, row) => block.entryAt(row));

describe('index chunk format', () => {
  it('reads back the same rows, text and rank keys it wrote', () => {
    const { block, plaintext } = buildChunk(entries);
    const read = decodeChunk(plaintext);
    expect(read.size).toBe(entries.length);
    expect(read.text).toBe(block.text);
    expect(read.layout).toEqual(block.layout);
    expect(rowsOf(read)).toEqual(entries);
    expect(read.entriesById().get(entries[42]!.id)).toEqual(entries[42]);
  });

  it('parses an entry only when it is looked at', () => {
    const read = decodeChunk(buildChunk(entries).plaintext);
    expect(read.entryAt(7)).toEqual(entries[7]);
    expect(read.hays()[7]).toContain(entries[7]!.login.toLowerCase());
  });

  it('still reads a version 1 chunk (the tuple list alone)', () => {
    const read = decodeChunk(JSON.stringify(entries.map(entryToTuple)));
    expect(rowsOf(read)).toEqual(entries);
    expect(read.text).toBe(buildChunk(entries).block.text);
  });

  it('an empty chunk round-trips', () => {
    const read = decodeChunk(buildChunk([]).plaintext);
    expect(read.size).toBe(0);
    expect(read.entriesById().size).toBe(0);
  });

  it.each([
    ['not JSON', 'nonsense'],
    ['an unknown version', `${JSON.stringify({ v: 3, text: '', rows: [] })}\n[]`],
    ['rows that do not tile the text', `${JSON.stringify({ v: 2, text: 'abc', rows: [1, 1, 1, 1, 0, 2] })}\n[[]]`],
    ['tuple lengths that do not tile the rows', `${JSON.stringify({ v: 2, text: 'a', rows: [1, 1, 1, 1, 0, 9] })}\n[[1]]`],
    ['a header alone', JSON.stringify({ v: 2, text: '', rows: [] })],
  ])('refuses %s', (_case, plaintext) => {
    expect(() => decodeChunk(plaintext)).toThrow(CacheCorruptError);
  });

  it('refuses a row that is not an entry when it is read', () => {
    const read = decodeChunk(`${JSON.stringify({ v: 2, text: 'a', rows: [1, 1, 1, 1, 0, 3] })}\n[[1]]`);
    expect(() => read.entryAt(0)).toThrow(CacheCorruptError);
  });
});
