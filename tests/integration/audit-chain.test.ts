import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { ChainBreakKind } from '../../lib/contract/audit-chain';
import { auditChainRepository } from '../../server/audit/audit-chain.repository';
import { auditChainService, type AuditChainService } from '../../server/audit/audit-chain.service';
import { chainHash } from '../../server/audit/chain';
import { signHead } from '../../server/audit/head-signature';
import { newAuditKey } from '../../server/audit/signing-key';
import { parseExpectedHead } from '../../server/audit/verify';
import type { Database } from '../../server/db/database';
import type { Tables } from '../../server/db/tables';
import { eventsRepository, type NewEvent } from '../../server/events/events.repository';
import { ENGINES, openTestDatabase } from '../helpers/test-database';

// Tampering straight in the database, as someone with full access to it would (docs/audit.md
// "What an attacker with the database can do"): each change is caught, and the report names the
// first bad link and why.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 30, 12);

const event = (n: number, occurredAt = NOW - 1000 + n): NewEvent => ({
  occurredAt,
  type: n % 2 ? 'session.login' : 'item.viewed',
  actor: { type: 'user', id: `user-${n % 3}` },
  target: { type: 'item', id: `item-${n}` },
  vaultId: n % 2 ? null : 'vault-1',
  ip: '203.0.113.7',
  browserMode: n % 2 === 0,
  details: { n, note: 'ünïcode ✓' },
});

/** Moves rows to other seqs in two steps, so no step collides with a key still in place. */
async function moveRows(db: Kysely<Tables>, moves: Record<number, number>): Promise<void> {
  for (const from of Object.keys(moves)) await db.updateTable('events').set({ seq: -Number(from) }).where('seq', '=', Number(from)).execute();
  for (const [from, to] of Object.entries(moves)) await db.updateTable('events').set({ seq: to }).where('seq', '=', -Number(from)).execute();
}

async function rowAt(db: Kysely<Tables>, seq: number) {
  return db.selectFrom('events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

describe.each(ENGINES)('the audit chain on $engine', ({ engine, available }) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let db: Kysely<Tables>;
  const key = { ...newAuditKey(), source: 'test' };
  let now = NOW;
  let service: AuditChainService;

  beforeAll(async () => {
    if (!available) return;
    ({ database, dispose } = await openTestDatabase(engine));
    db = database.db;
    service = auditChainService({ db, key, now: () => now });
  });
  afterAll(() => dispose?.());
  beforeEach(async () => {
    if (!available) return;
    now = NOW;
    await db.deleteFrom('events').execute();
    await db.deleteFrom('audit_heads').execute();
  });

  /** Appends `count` events (1…count) and returns the last seq. */
  async function appendEvents(count: number, occurredAt?: (n: number) => number): Promise<number> {
    const events = eventsRepository(db);
    let seq = 0;
    for (let n = 1; n <= count; n++) seq = await events.append(event(n, occurredAt?.(n)));
    return seq;
  }

  async function expectBreak(seq: number, kind: ChainBreakKind, expected?: string) {
    const report = await service.verify(expected === undefined ? undefined : parseExpectedHead(expected));
    expect(report.whole, JSON.stringify(report.break)).toBe(false);
    expect(report.break).toMatchObject({ seq, kind });
    return report.break!;
  }

  it.skipIf(!available)('a whole chain passes, with its signed heads, and an empty log is whole', async () => {
    expect(await service.verify()).toMatchObject({ whole: true, rows: 0, head: null });
    await appendEvents(5);
    const head = await service.signCurrentHead();
    await appendEvents(4);
    const report = await service.verify(parseExpectedHead(`${head!.seq}:${head!.hash}`));
    expect(report).toMatchObject({ whole: true, rows: 9, firstSeq: 1, head: { seq: 9 }, lastSignedHead: { seq: 5 }, break: null });
    expect(report.head!.hash).toBe((await rowAt(db, 9)).hash);
    expect((await service.verify(parseExpectedHead(head!.hash))).whole).toBe(true);
  });

  it.skipIf(!available)('signing again without new events keeps the one head; a new event gets a new one', async () => {
    await appendEvents(3);
    const first = await service.signCurrentHead();
    now += 60_000;
    expect(await service.signCurrentHead()).toEqual(first);
    await appendEvents(1);
    expect((await service.signCurrentHead())!.seq).toBe(4);
    expect((await service.latestHeads(10)).map((head) => head.seq)).toEqual([4, 3]);
  });

  it.skipIf(!available)('an edited row is named', async () => {
    await appendEvents(9);
    await db.updateTable('events').set({ details: JSON.stringify({ n: 5, note: 'nothing to see' }) }).where('seq', '=', 5).execute();
    expect((await expectBreak(5, 'edited')).message).toContain('row 5');
  });

  it.skipIf(!available)('a deleted middle row is named', async () => {
    await appendEvents(9);
    await db.deleteFrom('events').where('seq', '=', 5).execute();
    expect((await expectBreak(5, 'deleted')).message).toMatch(/row 5 is missing: row 6 follows row 4/);
  });

  it.skipIf(!available)('an inserted row is named, with a computed link or a made-up one', async () => {
    await appendEvents(9);
    await moveRows(db, { 9: 10, 8: 9, 7: 8, 6: 7, 5: 6 });
    const row = { seq: 5, occurred_at: NOW, type: 'session.login', actor_type: 'user', actor_id: 'user-1', target_type: null, target_id: null, vault_id: null, ip: null, browser_mode: null, details: '{}' };
    await db.insertInto('events').values({ ...row, hash: chainHash((await rowAt(db, 4)).hash!, row) }).execute();
    expect((await expectBreak(5, 'inserted')).message).toMatch(/row 5 was inserted/);
    await db.updateTable('events').set({ hash: 'f'.repeat(64) }).where('seq', '=', 5).execute();
    await expectBreak(5, 'inserted');
  });

  it.skipIf(!available)('reordered rows are named, apart or side by side', async () => {
    await appendEvents(9);
    await moveRows(db, { 3: 7, 7: 3 });
    expect((await expectBreak(3, 'reordered')).message).toMatch(/row 7 belong at row 3/);
    await moveRows(db, { 3: 7, 7: 3, 5: 6, 6: 5 });
    expect((await expectBreak(5, 'reordered')).message).toMatch(/rows 5 and 6/);
  });

  it.skipIf(!available)('swapped contents under hashes left in place are named as reordered', async () => {
    await appendEvents(9);
    const [three, seven] = [await rowAt(db, 3), await rowAt(db, 7)];
    const contents = ({ seq: _seq, hash: _hash, ...rest }: typeof three) => rest;
    await db.updateTable('events').set(contents(seven)).where('seq', '=', 3).execute();
    await db.updateTable('events').set(contents(three)).where('seq', '=', 7).execute();
    await expectBreak(3, 'reordered');
  });

  it.skipIf(!available)('a cut-off tail is caught by a signed head beyond the last row', async () => {
    await appendEvents(9);
    await service.signCurrentHead();
    await db.deleteFrom('events').where('seq', '>=', 7).execute();
    expect((await expectBreak(7, 'cutOff')).message).toMatch(/ends at row 6.*rows 7–9 are missing/);
  });

  it.skipIf(!available)('a cut-off tail after the last signed head is caught by --expect-head', async () => {
    await appendEvents(6);
    await service.signCurrentHead();
    await appendEvents(3);
    const seen = await rowAt(db, 9);
    await db.deleteFrom('events').where('seq', '>=', 8).execute();
    expect((await service.verify()).whole).toBe(true);
    await expectBreak(8, 'cutOff', `9:${seen.hash}`);
    await expectBreak(8, 'cutOff', seen.hash!);
    // A head that is there but with another hash: the chain was rewritten.
    await expectBreak(7, 'headMismatch', `7:${seen.hash}`);
  });

  it.skipIf(!available)('a rewritten chain with recomputed links is caught by the signed head', async () => {
    await appendEvents(6);
    await service.signCurrentHead();
    await db.updateTable('events').set({ ip: '198.51.100.1' }).where('seq', '=', 3).execute();
    let previous = (await rowAt(db, 2)).hash!;
    for (let seq = 3; seq <= 6; seq++) {
      const row = await rowAt(db, seq);
      previous = chainHash(previous, { ...row, seq: Number(row.seq) });
      await db.updateTable('events').set({ hash: previous }).where('seq', '=', seq).execute();
    }
    expect((await expectBreak(6, 'headMismatch')).message).toMatch(/signed head at row 6/);
  });

  it.skipIf(!available)('a head with a bad signature, or signed by a key nobody trusts, is named', async () => {
    await appendEvents(4);
    const head = (await service.signCurrentHead())!;
    await db.updateTable('audit_heads').set({ signed_at: head.signedAt + 1 }).where('seq', '=', 4).execute();
    await expectBreak(4, 'badSignature');
    const forger = newAuditKey();
    const forged = signHead(forger.privateKey, forger.keyId, { seq: 4, hash: head.hash, signedAt: head.signedAt });
    await db.updateTable('audit_heads').set({ key_id: forged.keyId, signature: forged.signature, signed_at: forged.signedAt }).where('seq', '=', 4).execute();
    expect((await expectBreak(4, 'badSignature')).message).toContain(forger.keyId);
  });

  it.skipIf(!available)('retention deletes old events and the rest stays verifiable; deleting the oldest rows without the anchor is caught', async () => {
    await appendEvents(12, (n) => (n <= 8 ? NOW - 40 * DAY + n : NOW - DAY + n));
    await service.signCurrentHead();
    expect(await service.enforceRetention(30)).toBe(8);
    const report = await service.verify();
    expect(report).toMatchObject({ whole: true, firstSeq: 9, rows: 5, head: { seq: 13 } });
    const record = await rowAt(db, 13);
    expect(record.type).toBe('audit.retention');
    expect(JSON.parse(record.details)).toEqual({ deleted: 8, throughSeq: 8, keepDays: 30 });
    expect((await service.latestHeads(10)).map((head) => head.seq)).toEqual([12, 8]);
    expect(await service.enforceRetention(30)).toBe(0);
    expect(await service.enforceRetention(0.5, 2)).toBe(2);
    expect(await service.verify()).toMatchObject({ whole: true, firstSeq: 11 });

    await db.deleteFrom('events').where('seq', '<=', 11).execute();
    expect((await expectBreak(11, 'deleted')).message).toMatch(/row 11 is missing: the chain starts at row 12, after the signed head at row 10/);
    // Down to the periodic head at 12: a signed head is just below, but no retention run deleted up to it.
    await db.deleteFrom('events').where('seq', '<=', 12).execute();
    expect((await expectBreak(1, 'deleted')).message).toMatch(/rows 1–12 are missing and no audit.retention event/);
  });

  it.skipIf(!available)('deleting the oldest rows down to a signed head is caught without a retention record', async () => {
    await appendEvents(8);
    await service.signCurrentHead();
    await appendEvents(2);
    await db.deleteFrom('events').where('seq', '<=', 8).execute();
    expect((await expectBreak(1, 'deleted')).message).toMatch(/no audit.retention event/);
    await db.deleteFrom('audit_heads').execute();
    expect((await expectBreak(1, 'deleted')).message).toMatch(/no signed head anchors row 9/);
  });

  it.skipIf(!available)('retention never deletes the newest row, so the chain goes on from it', async () => {
    await appendEvents(3, (n) => NOW - 40 * DAY + n);
    expect(await service.enforceRetention(30)).toBe(2);
    await appendEvents(1);
    expect(await service.verify()).toMatchObject({ whole: true, firstSeq: 3, head: { seq: 5 } });
    expect(await auditChainRepository(db).headAt(2)).toBeDefined();
  });
});
