import type { ChainBreak } from '../../lib/contract/audit-chain';
import type { ChainRow } from './audit-chain.repository';
import { chainHash } from './chain';
import type { ChainSource } from './verify';

// Names why a row does not link to the one before. Every row before it linked, so `previous` is
// the true hash of the row before. The tests are tried from the most specific to the least; each
// rebuilds what an honest chain would hold at that place from the rows that are there.

const SCAN_PAGE = 1000;

interface BadLink {
  row: ChainRow;
  /** The hash the row should link to. */
  previous: string;
  /** The hash the row before linked to, if that row was not the first. */
  beforePrevious: string | undefined;
  next: ChainRow | undefined;
  source: Pick<ChainSource, 'rowsAfter'>;
}

/** Would `row`'s contents, placed at `seq` after `previous`, produce one of `hashes`? */
const belongs = (previous: string, row: ChainRow, seq: number, hashes: (string | null)[]) => hashes.includes(chainHash(previous, { ...row, seq }));

/** A later row whose contents belong at `link.row`'s place: the two were swapped. */
async function swappedWith(link: BadLink): Promise<ChainRow | undefined> {
  const { row, previous, source } = link;
  for (let after = row.seq; ; ) {
    const page = await source.rowsAfter(after, SCAN_PAGE);
    const found = page.find((candidate) => belongs(previous, candidate, row.seq, [row.hash, candidate.hash]));
    if (found || page.length < SCAN_PAGE) return found;
    after = page[page.length - 1]!.seq;
  }
}

/** The first bad link at `link.row`, with the likeliest reason. */
export async function explainBadLink(link: BadLink): Promise<ChainBreak> {
  const { row, previous, beforePrevious, next } = link;
  const seq = row.seq;
  // The row before linked, yet this row is the true one of the seq before: the row before was slipped in, with a computed hash.
  if (beforePrevious !== undefined && belongs(beforePrevious, row, seq - 1, [row.hash])) {
    return { seq: seq - 1, kind: 'inserted', message: `row ${seq - 1} was inserted: row ${seq} is the original row ${seq - 1}, moved up` };
  }
  const trueHere = next && chainHash(previous, { ...next, seq });
  if (next && trueHere && [row.hash, next.hash].includes(trueHere) && belongs(trueHere, row, next.seq, [row.hash, next.hash])) {
    return { seq, kind: 'reordered', message: `rows ${seq} and ${next.seq} are in each other's places` };
  }
  if (next && belongs(previous, next, seq, [next.hash])) return { seq, kind: 'inserted', message: `row ${seq} was inserted: row ${next.seq} is the original row ${seq}, moved up` };
  const swapped = await swappedWith(link);
  if (swapped) return { seq, kind: 'reordered', message: `row ${seq} holds what belongs elsewhere: the contents of row ${swapped.seq} belong at row ${seq} (reordered)` };
  if (next && chainHash(row.hash ?? '', next) === next.hash) return { seq, kind: 'edited', message: `row ${seq} was edited: its contents no longer match its hash` };
  return { seq, kind: 'brokenLink', message: `row ${seq} does not link to row ${seq - 1}: edited, or its hash replaced` };
}
