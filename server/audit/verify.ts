import type { KeyObject } from 'node:crypto';
import type { ChainBreak, ChainReport } from '../../lib/contract/audit-chain';
import type { AuditChainRepository, ChainRow } from './audit-chain.repository';
import { chainHash, GENESIS_HASH } from './chain';
import { explainBadLink } from './explain-bad-link';
import { checkHeadSignature, type SignedHead } from './head-signature';

// Walks the chain oldest first, a page at a time (memory stays flat however long the log), and
// stops at the first bad link (docs/audit.md "Verifying"). Signed heads are merged into the walk
// by seq, so a bad head is reported in order with bad rows.

const PAGE = 1000;

/** A head the caller saw elsewhere (a syslog message, an export): `<seq>:<hash>`, or just the hash. */
export interface ExpectedHead {
  seq: number | undefined;
  hash: string;
}

/** Parses `--expect-head`; undefined when it is neither `<seq>:<hash>` nor a bare hash. */
export function parseExpectedHead(text: string): ExpectedHead | undefined {
  const match = /^(?:(\d+):)?([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  return { seq: match[1] === undefined ? undefined : Number(match[1]), hash: match[2]! };
}

export type ChainSource = Pick<AuditChainRepository, 'rowsAfter' | 'headsFrom' | 'headBelow'>;

/** A paged, ordered stream with one item of look-ahead. */
class Pages<T extends { seq: number }> {
  private buffer: T[] = [];
  private after: number;
  private done = false;
  constructor(
    private readonly read: (after: number) => Promise<T[]>,
    after: number,
  ) {
    this.after = after;
  }

  async peek(): Promise<T | undefined> {
    if (this.buffer.length === 0 && !this.done) {
      this.buffer = await this.read(this.after);
      this.done = this.buffer.length < PAGE;
      if (this.buffer.length > 0) this.after = this.buffer[this.buffer.length - 1]!.seq;
    }
    return this.buffer[0];
  }

  async next(): Promise<T | undefined> {
    const item = await this.peek();
    this.buffer.shift();
    return item;
  }
}

const span = (from: number, to: number) => (from === to ? `row ${from} is` : `rows ${from}–${to} are`);

function headProblem(head: SignedHead, rowHash: string | null, publicKeys: ReadonlyMap<string, KeyObject>): ChainBreak | undefined {
  const check = checkHeadSignature(head, publicKeys);
  if (check === 'unknownKey') return { seq: head.seq, kind: 'badSignature', message: `the signed head at row ${head.seq} is signed by key ${head.keyId}, which is not a trusted audit key` };
  if (check === 'invalid') return { seq: head.seq, kind: 'badSignature', message: `the signature of the head at row ${head.seq} does not verify` };
  if (rowHash !== null && head.hash !== rowHash) return { seq: head.seq, kind: 'headMismatch', message: `the signed head at row ${head.seq} names hash ${head.hash}, but row ${head.seq} has ${rowHash}: the chain was rewritten` };
  return undefined;
}

/** Where the kept chain starts: GENESIS at row 1, else the signed head retention left just below the first row. */
async function anchorOf(source: ChainSource, first: number, publicKeys: ReadonlyMap<string, KeyObject>): Promise<{ hash: string } | { problem: ChainBreak }> {
  if (first === 1) return { hash: GENESIS_HASH };
  const anchor = await source.headBelow(first);
  if (!anchor) return { problem: { seq: 1, kind: 'deleted', message: `${span(1, first - 1)} missing and no signed head anchors row ${first}` } };
  const problem = headProblem(anchor, null, publicKeys);
  if (problem) return { problem };
  if (anchor.seq !== first - 1) return { problem: { seq: anchor.seq + 1, kind: 'deleted', message: `${span(anchor.seq + 1, first - 1)} missing: the chain starts at row ${first}, after the signed head at row ${anchor.seq}` } };
  return { hash: anchor.hash };
}

const recordsRetentionThrough = (row: ChainRow, seq: number) => row.type === 'audit.retention' && (JSON.parse(row.details) as { throughSeq?: unknown }).throughSeq === seq;

/** An empty log is whole unless a head says it once went further. */
async function emptyLogProblem(heads: Pages<SignedHead>, expected: ExpectedHead | undefined): Promise<ChainBreak | undefined> {
  const head = await heads.peek();
  if (head) return { seq: 1, kind: 'cutOff', message: `the log is empty, but a signed head names row ${head.seq}: the tail was cut off` };
  if (expected) return { seq: expected.seq ?? 1, kind: 'cutOff', message: 'the log is empty, but a head was expected: the tail was cut off' };
  return undefined;
}

/** A head from outside that names this row (by seq, or by hash alone) must name its hash. */
function expectedProblem(expected: ExpectedHead, row: ChainRow): ChainBreak | undefined {
  if (expected.seq !== row.seq || expected.hash === row.hash) return undefined;
  return { seq: row.seq, kind: 'headMismatch', message: `row ${row.seq} has hash ${row.hash}, but the expected head names ${expected.hash}: the chain was rewritten` };
}

/** After the last row: nothing signed or expected may lie beyond it. */
function tailProblem(last: number, lateHead: SignedHead | undefined, expected: ExpectedHead | undefined, expectedSeen: boolean): ChainBreak | undefined {
  if (lateHead) return { seq: last + 1, kind: 'cutOff', message: `the chain ends at row ${last}, but a signed head names row ${lateHead.seq}: ${span(last + 1, lateHead.seq)} missing (cut-off tail)` };
  if (!expected || expectedSeen) return undefined;
  if (expected.seq === undefined) return { seq: last + 1, kind: 'cutOff', message: `no row has the expected hash ${expected.hash}: the tail was cut off or rewritten` };
  if (expected.seq > last) return { seq: last + 1, kind: 'cutOff', message: `the chain ends at row ${last}, but the expected head is row ${expected.seq}: ${span(last + 1, expected.seq)} missing (cut-off tail)` };
  // An expected head older than the oldest kept row went with retention: nothing is left to compare.
  return undefined;
}

/** Walks the whole chain and reports the first bad link, checking heads with `publicKeys`. */
export async function verifyChain(source: ChainSource, publicKeys: ReadonlyMap<string, KeyObject>, expected?: ExpectedHead): Promise<ChainReport> {
  const rows = new Pages((after) => source.rowsAfter(after, PAGE), 0);
  const first = await rows.peek();
  const heads = new Pages((after) => source.headsFrom(after + 1, PAGE), (first?.seq ?? 1) - 1);
  const report: ChainReport = { whole: false, rows: 0, firstSeq: first?.seq ?? null, head: null, lastSignedHead: null, break: null };
  const verdict = (problem: ChainBreak | undefined): ChainReport => (problem ? { ...report, break: problem } : { ...report, whole: true });
  if (!first) return verdict(await emptyLogProblem(heads, expected));
  const anchor = await anchorOf(source, first.seq, publicKeys);
  if ('problem' in anchor) return verdict(anchor.problem);

  let previous = anchor.hash;
  let beforePrevious: string | undefined;
  let seq = first.seq;
  let expectedSeen = false;
  let retentionRecorded = first.seq === 1;
  for (let row = await rows.next(); row; row = await rows.next(), seq += 1) {
    if (row.seq !== seq) return verdict({ seq, kind: 'deleted', message: `${span(seq, row.seq - 1)} missing: row ${row.seq} follows row ${seq - 1}` });
    if (chainHash(previous, row) !== row.hash) return verdict(await explainBadLink({ row, previous, beforePrevious, next: await rows.peek(), source }));
    report.rows += 1;
    report.head = { seq, hash: row.hash };
    const head = (await heads.peek())?.seq === seq ? await heads.next() : undefined;
    const problem = (head && headProblem(head, row.hash, publicKeys)) || (expected && expectedProblem(expected, row));
    if (problem) return verdict(problem);
    if (head) report.lastSignedHead = head;
    expectedSeen ||= expected !== undefined && expected.hash === row.hash && (expected.seq ?? seq) === seq;
    retentionRecorded ||= recordsRetentionThrough(row, first.seq - 1);
    beforePrevious = previous;
    previous = row.hash;
  }
  const problem = tailProblem(seq - 1, await heads.peek(), expected, expectedSeen);
  if (problem) return verdict(problem);
  return verdict(retentionRecorded ? undefined : { seq: 1, kind: 'deleted', message: `${span(1, first.seq - 1)} missing and no audit.retention event records deleting them` });
}
