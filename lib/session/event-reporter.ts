import { MAX_CLIENT_EVENTS, type ClientEvent } from '../contract/client-events';

// What the user did with a secret (shown, copied, filled) goes to the server's audit log, but the
// user never waits for it: reports wait in a queue, leave in batches a moment later, and are tried
// again while the server is unreachable. The queue is in memory: a worker the browser stops while
// the server is unreachable forgets what it held (docs/audit.md, "What is recorded").

/** How one batch went: sent, worth trying again later, or one report (by index) or all refused for good. */
export type SendOutcome = 'sent' | 'retry' | 'discard' | { rejected: number };

export interface EventReporterOptions {
  /** Sends one batch of one account's reports; a throw counts as 'retry'. */
  send(account: string, events: ClientEvent[]): Promise<SendOutcome>;
  now?: () => number;
  /** How long a report waits for others to share its request. */
  delayMs?: number;
  /** The first wait after a failed send; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** The most reports kept; beyond it the oldest go. */
  maxQueued?: number;
  timers?: { setTimeout(run: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export interface EventReporter {
  /** Queues a report by `account` (server and user); returns at once and never throws. */
  report(account: string, event: Omit<ClientEvent, 'at'>): void;
  /** Sends what is queued now; resolves when the attempt is over (sent or left for a retry). */
  flush(): Promise<void>;
  /** How many reports wait. */
  pending(): number;
}

type Queued = { account: string; event: ClientEvent };

/** A queue of reports sent in batches of at most MAX_CLIENT_EVENTS, retried with a growing wait. */
export function createEventReporter(options: EventReporterOptions): EventReporter {
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 1_000;
  const retryMs = options.retryMs ?? 15_000;
  const maxRetryMs = options.maxRetryMs ?? 300_000;
  const maxQueued = options.maxQueued ?? 1_000;
  const timers = options.timers ?? { setTimeout: (run: () => void, ms: number): unknown => setTimeout(run, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>) };
  let queue: Queued[] = [];
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let failures = 0;

  function schedule(ms: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void run();
    }, ms);
  }

  /** The first account's oldest reports, at most one request's worth. */
  function nextBatch(): Queued[] {
    const account = queue[0]!.account;
    return queue.filter((queued) => queued.account === account).slice(0, MAX_CLIENT_EVENTS);
  }

  async function attempt(batch: Queued[]): Promise<SendOutcome> {
    try {
      return await options.send(batch[0]!.account, batch.map((queued) => queued.event));
    } catch {
      return 'retry';
    }
  }

  /** Sends batch after batch until the queue is empty or the server is out of reach. */
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = nextBatch();
      const outcome = await attempt(batch);
      if (outcome === 'retry') {
        failures += 1;
        schedule(Math.min(maxRetryMs, retryMs * 2 ** (failures - 1)));
        return;
      }
      failures = 0;
      // A refused report is left out and the rest go again: one entry deleted meanwhile must not cost the others.
      const done = typeof outcome === 'object' ? new Set(batch[outcome.rejected] ? [batch[outcome.rejected]] : batch) : new Set(batch);
      queue = queue.filter((queued) => !done.has(queued));
    }
  }

  function run(): Promise<void> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    report(account, event) {
      queue.push({ account, event: { ...event, at: now() } });
      if (queue.length > maxQueued) queue = queue.slice(queue.length - maxQueued);
      if (timer === null && running === null && failures === 0) schedule(delayMs);
    },

    async flush() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running;
      await run();
    },

    pending: () => queue.length,
  };
}
