import { describe, expect, it } from 'vitest';
import { buildChunk, decodeChunk } from './chunk-format';
import { CacheCorruptError } from './errors';
import type { IndexBlock } from './index-block';
import type { IndexEntry } from './index-entry';
import { buildSyntheticEntries } from './synthetic-vault';

// An index chunk read back must search and list exactly like the block it was written from, parse
// its entries only when asked, and refuse plaintext it did not write (the MAC already vouches for the
// bytes; this catches a format this code does not know).

const base = buildSyntheticEntries(1, { seed: 22 })[0]!;
const unusual: IndexEntry[] = [
  { ...base, id: 'unusual-1', name: 'Zürich «Ünïcode» \n two lines', tags: ['ёж', '"quoted"', 'Mixed Case', ''] },
  {
    ...base,
    id: 'unusual-2',
    folderId: 'folder-7',
    login: 'Alice@Example.COM',
    urls: [
      { url: 'http://plain.example.com/', match: 'host' },
      { url: 'HTTPS://Upper.Example.com/Path', match: 'starts-with' },
      { url: 'example.org/no-scheme', match: 'exact' },
      { url: 'https://line\nbreak.example.com', match: 'regex' },
      { url: 'https://plain.example.net/', match: 'never' },
    ],
    tags: [],
  },
  { ...base, id: 'unusual-3', login: '', urls: [], tags: ['only-tags'] },
];
const entries = [...buildSyntheticEntries(300, { seed: 21 }), ...unusual];
const rowsOf = (block: IndexBlock) => Array.from({ length: block.size }, (_, row) => block.entryAt(row));
const tuplesOf = (plaintext: string) => JSON.parse(plaintext.slice(plaintext.indexOf('\n') + 1)) as unknown[][];

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

  it('writes each vault and folder id once, and leaves out of a tuple what its hay already holds', () => {
    const { plaintext } = buildChunk(unusual);
    const header = JSON.parse(plaintext.slice(0, plaintext.indexOf('\n'))) as { refs: string[] };
    expect(header.refs).toEqual([base.vaultId, ...(base.folderId ? [base.folderId] : []), 'folder-7']);
    const [first, second, third] = tuplesOf(plaintext);
    // The name folds differently and one tag has capitals: written out; the rest is the hay's.
    expect(first!.slice(4, 8)).toEqual(['Zürich «Ünïcode» \n two lines', 0, expect.any(Array), [0, 0, 'Mixed Case', 0]]);
    // Only a lowercase https URL is the hay's; every other scheme, case or a newline is written out.
    expect(second![5]).toBe('Alice@Example.COM');
    expect(second![6]).toEqual(['http://plain.example.com/', 1, 'HTTPS://Upper.Example.com/Path', 2, 'example.org/no-scheme', 3, 'https://line\nbreak.example.com', 4, 0, 5]);
    expect(third!.slice(5, 8)).toEqual([0, [], [0]]);
  });

  it('parses an entry only when it is looked at', () => {
    const read = decodeChunk(buildChunk(entries).plaintext);
    expect(read.entryAt(7)).toEqual(entries[7]);
    expect(read.hays()[7]).toContain(entries[7]!.login.toLowerCase());
  });

  it('an empty chunk round-trips', () => {
    const read = decodeChunk(buildChunk([]).plaintext);
    expect(read.size).toBe(0);
    expect(read.entriesById().size).toBe(0);
  });

  const header = (text: string, rows: number[], refs: string[] = ['vault-1']) => JSON.stringify({ v: 3, text, rows, refs });
  const tuple = (overrides: Record<number, unknown> = {}) => {
    const values: unknown[] = ['item-1', 0, null, 1, 0, 0, [0, 0], [], 4, null, 1, null];
    for (const [at, value] of Object.entries(overrides)) values[Number(at)] = value;
    return JSON.stringify(values);
  };
  const chunkWith = (row: string) => `${header('a\nb\nc.example.com', [17, 1, 3, 17, 0, row.length])}\n[${row}]`;

  it('reads a hand-written row whose fields all come from the hay', () => {
    expect(decodeChunk(chunkWith(tuple())).entryAt(0)).toMatchObject({ id: 'item-1', vaultId: 'vault-1', name: 'a', login: 'b', urls: [{ url: 'https://c.example.com', match: 'domain' }], tags: [] });
  });

  it.each([
    ['not JSON', 'nonsense'],
    ['an unknown version', `${JSON.stringify({ v: 2, text: '', rows: [] })}\n[]`],
    ['a header without refs', `${JSON.stringify({ v: 3, text: '', rows: [] })}\n[]`],
    ['rows that do not tile the text', `${header('abc', [1, 1, 1, 1, 0, 2])}\n[[]]`],
    ['tuple lengths that do not tile the rows', `${header('a', [1, 1, 1, 1, 0, 9])}\n[[1]]`],
    ['a header alone', header('', [])],
  ])('refuses %s', (_case, plaintext) => {
    expect(() => decodeChunk(plaintext)).toThrow(CacheCorruptError);
  });

  it('refuses a row without tags whose hay has text after its URLs, and reads it with the tag', () => {
    const withTag = (row: string) => `${header('a\nb\nc.example.com\nops', [21, 1, 3, 17, 0, row.length])}\n[${row}]`;
    expect(() => decodeChunk(withTag(tuple())).entryAt(0)).toThrow(CacheCorruptError);
    expect(decodeChunk(withTag(tuple({ 7: [0] }))).entryAt(0).tags).toEqual(['ops']);
  });

  it.each([
    ['not an entry', '[1]'],
    ['a vault ref out of range', tuple({ 1: 5 })],
    ['a folder ref that is not a number', tuple({ 2: 'folder-1' })],
    ['an unknown match rule', tuple({ 6: [0, 9] })],
    ['a match rule that is not a number', tuple({ 6: [0, '1'] })],
    ['no URLs where the hay has one', tuple({ 6: [] })],
    ['more URLs than the hay holds', tuple({ 6: [0, 0, 0, 0] })],
    ['a name that is neither text nor 0', tuple({ 4: 1 })],
  ])('refuses a row that is %s when it is read', (_case, row) => {
    const read = decodeChunk(chunkWith(row));
    expect(() => read.entryAt(0)).toThrow(CacheCorruptError);
  });
});
