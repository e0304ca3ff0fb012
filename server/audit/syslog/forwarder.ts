import type { Logger } from 'pino';
import { onEventsAppended } from '../../events/appended';
import type { ForwardedEvent } from './event-message';
import type { SyslogCursorRepository } from './syslog-cursor.repository';
import type { SyslogTransport } from './transport';

export interface ForwarderDeps {
  cursor: SyslogCursorRepository;
  transport: SyslogTransport;
  message: (event: ForwardedEvent) => string;
  logger: Logger;
  /** Events per round trip to the database and write to the collector. */
  batchSize?: number;
  /** How often to look for events appended where no signal reaches (other instances, open transactions). */
  pollMs?: number;
}

export interface Forwarder {
  /** Stops after the batch in flight and closes the connection. */
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;
/** After an append, wait this long so a burst of events leaves in one batch. */
const GATHER_MS = 20;

/** Set by an append; `interrupt` ends the idle pause in progress, if any. */
interface Wake {
  armed: boolean;
  interrupt?: (() => void) | undefined;
}

/** Resolves after `ms`, at once when `stopped` aborts, or (with `wake`) soon after the next append. */
function pause(ms: number, stopped: AbortSignal, wake?: Wake): Promise<void> {
  return new Promise((resolve) => {
    if (stopped.aborted) return resolve();
    let timer: NodeJS.Timeout;
    const finish = () => {
      clearTimeout(timer);
      stopped.removeEventListener('abort', finish);
      if (wake?.interrupt === gather) wake.interrupt = undefined;
      resolve();
    };
    // The first append of a burst shortens the pause to GATHER_MS; the rest change nothing.
    const gather = () => {
      if (wake) wake.interrupt = undefined;
      clearTimeout(timer);
      timer = setTimeout(finish, GATHER_MS);
    };
    timer = setTimeout(finish, ms);
    stopped.addEventListener('abort', finish);
    if (wake) wake.interrupt = gather;
  });
}

/**
 * Forwards the audit log to syslog in order, from the `syslog` cursor on: wakes on appends in this
 * process and polls for the rest, sends in batches, and retries with growing pauses while the
 * collector is away. It runs beside the requests and never holds one up.
 */
export function startSyslogForwarder(deps: ForwarderDeps): Forwarder {
  const batchSize = deps.batchSize ?? 200;
  const pollMs = deps.pollMs ?? 1_000;
  const stopping = new AbortController();
  const wake: Wake = { armed: false };
  const unsubscribe = onEventsAppended(() => {
    wake.armed = true;
    wake.interrupt?.();
  });

  let ready = false;
  async function round(): Promise<number> {
    wake.armed = false;
    if (!ready) await deps.cursor.ensure();
    ready = true;
    const sent = await deps.cursor.forwardNext(batchSize, (events) => deps.transport.send(events.map(deps.message)));
    if (sent === 0 && deps.transport.hasPending()) await deps.transport.send([]);
    return sent;
  }

  async function run(): Promise<void> {
    let retryMs = FIRST_RETRY_MS;
    let failing = false;
    while (!stopping.signal.aborted) {
      try {
        const sent = await round();
        if (failing) deps.logger.info('syslog forwarding resumed');
        failing = false;
        retryMs = FIRST_RETRY_MS;
        if (sent === 0 && !wake.armed) await pause(pollMs, stopping.signal, wake);
      } catch (error) {
        // Said once per outage: a collector down for an hour must not fill the log.
        if (!failing) deps.logger.warn({ err: error }, 'syslog forwarding failed; retrying until the collector takes events again');
        failing = true;
        await pause(retryMs, stopping.signal);
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
      }
    }
  }

  const running = run().catch((error: unknown) => deps.logger.error({ err: error }, 'syslog forwarding stopped'));
  return {
    async stop() {
      stopping.abort();
      unsubscribe();
      await running;
      await deps.transport.close();
    },
  };
}
