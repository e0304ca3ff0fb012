import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientEvent } from '../contract/client-events';
import { createEventReporter, type SendOutcome } from './event-reporter';

const viewed = (itemId: string) => ({ type: 'password.viewed' as const, itemId, field: 'pw' });

/** A send that answers from `outcomes` in turn (then 'sent') and keeps what it was given. */
function recordingSend(outcomes: (SendOutcome | Error)[] = []) {
  const batches: { account: string; items: string[] }[] = [];
  const send = vi.fn(async (account: string, events: ClientEvent[]): Promise<SendOutcome> => {
    batches.push({ account, items: events.map((event) => event.itemId) });
    const next = outcomes.shift() ?? 'sent';
    if (next instanceof Error) throw next;
    return next;
  });
  return { send, batches };
}

describe('createEventReporter', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('returns at once and sends the reports of a moment together, stamped with when they happened', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = vi.fn(async (_account: string, _events: ClientEvent[]): Promise<SendOutcome> => {
      await gate;
      return 'sent';
    });
    const reporter = createEventReporter({ send, delayMs: 1_000 });
    reporter.report('a', viewed('one'));
    vi.advanceTimersByTime(300);
    reporter.report('a', viewed('two'));
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]).toEqual(['a', [{ ...viewed('one'), at: 1_000_000 }, { ...viewed('two'), at: 1_000_300 }]]);
    // A send that hangs holds up nobody: reporting still returns at once.
    reporter.report('a', viewed('three'));
    expect(reporter.pending()).toBe(3);
    release();
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(2);
    expect(reporter.pending()).toBe(0);
  });

  it('splits a long queue into requests of at most 100, one account at a time', async () => {
    const { send, batches } = recordingSend();
    const reporter = createEventReporter({ send });
    for (let index = 0; index < 150; index += 1) reporter.report(index % 3 === 0 ? 'b' : 'a', viewed(`item-${index}`));
    await reporter.flush();
    expect(batches.map((batch) => [batch.account, batch.items.length])).toEqual([
      ['b', 50],
      ['a', 100],
    ]);
    expect(reporter.pending()).toBe(0);
  });

  it('keeps the reports while the server is out of reach and tries again later, waiting longer each time', async () => {
    const { send, batches } = recordingSend([new TypeError('fetch failed'), 'retry']);
    const reporter = createEventReporter({ send, delayMs: 1_000, retryMs: 10_000 });
    reporter.report('a', viewed('one'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches).toHaveLength(1);
    expect(reporter.pending()).toBe(1);
    reporter.report('a', viewed('two'));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(2);
    // The second failure doubles the wait.
    await vi.advanceTimersByTimeAsync(19_999);
    expect(batches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches.at(-1)).toEqual({ account: 'a', items: ['one', 'two'] });
    expect(reporter.pending()).toBe(0);
  });

  it('leaves out a report the server refused for good and sends the rest again; drops a batch refused whole', async () => {
    const { send, batches } = recordingSend([{ rejected: 1 }, 'discard']);
    const reporter = createEventReporter({ send });
    for (const item of ['one', 'gone', 'three']) reporter.report('a', viewed(item));
    await reporter.flush();
    expect(batches.map((batch) => batch.items)).toEqual([
      ['one', 'gone', 'three'],
      ['one', 'three'],
    ]);
    expect(reporter.pending()).toBe(0);
  });

  it('keeps at most maxQueued reports, the newest', async () => {
    const { send, batches } = recordingSend();
    const reporter = createEventReporter({ send, maxQueued: 2 });
    for (const item of ['one', 'two', 'three']) reporter.report('a', viewed(item));
    await reporter.flush();
    expect(batches.map((batch) => batch.items)).toEqual([['two', 'three']]);
  });
});
