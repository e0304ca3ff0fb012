import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase } from '../../../tests/helpers/test-database';
import { eventsRepository, type NewEvent } from '../../events/events.repository';
import { startSyslogForwarder } from './forwarder';
import { SYSLOG_CURSOR, syslogCursorRepository } from './syslog-cursor.repository';
import type { SyslogTransport } from './transport';

const event = (type: string): NewEvent => ({ occurredAt: Date.now(), type, actor: { type: 'system', id: null }, target: null, vaultId: null, ip: null, browserMode: null, details: {} });

/** A transport that records what it is given, and fails while `down` is set. */
function fakeTransport() {
  const sent: string[] = [];
  const state = { down: false, attempts: 0 };
  const transport: SyslogTransport = {
    send: async (messages) => {
      state.attempts += 1;
      if (state.down) throw new Error('collector away');
      sent.push(...messages);
    },
    hasPending: () => false,
    close: async () => undefined,
  };
  return { transport, sent, state };
}

describe.each(ENGINES)('the syslog forwarder on $engine', ({ engine, available }) => {
  it.skipIf(!available)('sends the whole log in order, wakes on appends long before its poll, and moves the cursor only past what was sent', async () => {
    const { database, dispose } = await openTestDatabase(engine);
    const events = eventsRepository(database.db);
    const { transport, sent, state } = fakeTransport();
    await events.append(event('first'));
    const forwarder = startSyslogForwarder({ cursor: syslogCursorRepository(database.db), transport, message: (row) => `${row.seq} ${row.type}`, logger: pino({ level: 'silent' }), pollMs: 60_000, batchSize: 2 });
    const cursor = async () => Number((await database.db.selectFrom('audit_cursors').select('seq').where('name', '=', SYSLOG_CURSOR).executeTakeFirst())?.seq);
    try {
      await expect.poll(() => sent).toEqual(['1 first']);
      // With a minute between polls, only the append signal can bring these out in time.
      for (const type of ['second', 'third', 'fourth']) await events.append(event(type));
      await expect.poll(() => sent, { timeout: 2_000 }).toEqual(['1 first', '2 second', '3 third', '4 fourth']);
      await expect.poll(cursor).toBe(4);

      state.down = true;
      const before = state.attempts;
      await events.append(event('fifth'));
      await expect.poll(() => state.attempts, { timeout: 3_000 }).toBeGreaterThanOrEqual(before + 3);
      expect(await cursor()).toBe(4);
      state.down = false;
      await expect.poll(() => sent, { timeout: 5_000 }).toEqual(['1 first', '2 second', '3 third', '4 fourth', '5 fifth']);
      await expect.poll(cursor).toBe(5);
    } finally {
      await forwarder.stop();
      await dispose();
    }
  }, 20_000);
});

describe.skipIf(!ENGINES[1]!.available)('two syslog forwarders on one PostgreSQL', () => {
  it('send each event once between them: the one holding the cursor row forwards, the other skips', async () => {
    const { database, dispose } = await openTestDatabase('postgres');
    const events = eventsRepository(database.db);
    const [one, two] = [fakeTransport(), fakeTransport()];
    // Both wake on the same appends, so without the row lock they would send the same batches.
    const forwarders = [one, two].map(({ transport }) =>
      startSyslogForwarder({ cursor: syslogCursorRepository(database.db), transport, message: (row) => String(row.seq), logger: pino({ level: 'silent' }), pollMs: 50, batchSize: 3 }),
    );
    try {
      for (let index = 0; index < 40; index++) await events.append(event(`e${index}`));
      await expect.poll(() => one.sent.length + two.sent.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(40);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([...one.sent, ...two.sent].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    } finally {
      await Promise.all(forwarders.map((forwarder) => forwarder.stop()));
      await dispose();
    }
  }, 20_000);
});
