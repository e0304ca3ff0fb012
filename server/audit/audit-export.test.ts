import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsRepository } from '../events/events.repository';
import { openTestDatabase } from '../../tests/helpers/test-database';
import { auditLogRepository, type AuditLogRepository } from './audit-log.repository';
import { auditExport, EXPORT_BATCH } from './audit-export';
import { csvCell } from './export-rows';

// An export reads the database a batch at a time as its reader asks, on a real SQLite database: the
// first chunk costs one batch, the whole file one query per batch, never the whole log at once.

describe('the audit export stream', () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  const TOTAL = EXPORT_BATCH * 2 + 17;

  beforeAll(async () => {
    opened = await openTestDatabase('sqlite');
    const events = eventsRepository(opened.database.db);
    for (let start = 0; start < TOTAL; start += 200) {
      const count = Math.min(200, TOTAL - start);
      await events.appendReads(Array.from({ length: count }, (_, i) => ({ occurredAt: start + i, type: 'vault.synced', actor: { type: 'user' as const, id: 'user-0001' }, target: null, vaultId: null, ip: null, browserMode: null, details: {} })));
    }
  });
  afterAll(() => opened?.dispose());

  function counted(): { repository: AuditLogRepository; reads: () => number } {
    const real = auditLogRepository(opened.database.db);
    let reads = 0;
    return { repository: { ...real, oldestFirst: (...args) => ((reads += 1), real.oldestFirst(...args)) }, reads: () => reads };
  }

  it.each(['csv', 'json'] as const)('pages the %s export through the database as the reader reads', async (format) => {
    const { repository, reads } = counted();
    const started = await auditExport(repository, {}, { format, filters: {}, server: 'https://keyhold.test', exportedAt: 1 });
    expect(started.range).toEqual({ firstSeq: 1, lastSeq: TOTAL });
    const reader = started.stream.getReader();
    await reader.read();
    expect(reads()).toBeLessThanOrEqual(1);
    let text = '';
    const decoder = new TextDecoder();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    expect(reads()).toBe(Math.ceil(TOTAL / EXPORT_BATCH) + 1);
    expect(text.length).toBeGreaterThan(0);
  });

  it.each([
    [null, ''],
    ['', '""'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [42, '42'],
  ] as const)('writes the CSV cell %j as %s', (value, cell) => expect(csvCell(value)).toBe(cell));
});
