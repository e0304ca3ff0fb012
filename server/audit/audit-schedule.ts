import type { Logger } from 'pino';
import type { AuditChainService } from './audit-chain.service';

/** How often a server signs the chain head and enforces retention unless told otherwise: every 5 minutes. */
export const DEFAULT_AUDIT_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Every `intervalMs` (and once at start): deletes events past the retention period, if one is
 * set, then signs the chain head if it is not signed yet. Ticks never overlap; `stop` waits for
 * the one running and signs the head a last time, so a shutdown leaves the newest rows covered.
 */
export function startAuditSchedule(options: { service: AuditChainService; retentionDays: () => Promise<number | null>; intervalMs: number; logger: Logger }) {
  const { service, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function tick(): Promise<void> {
    try {
      const days = await options.retentionDays();
      const deleted = days === null ? 0 : await service.enforceRetention(days);
      if (deleted > 0) logger.info({ deleted, keepDays: days }, 'audit retention deleted old events');
      const head = await service.signCurrentHead();
      if (head) logger.debug({ seq: head.seq }, 'audit head signed');
    } catch (error) {
      // A database hiccup must not stop the schedule: the next tick signs what this one missed.
      logger.warn({ err: error }, 'audit head signing or retention failed');
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => schedule(options.intervalMs));
    }, delay);
    timer.unref();
  }

  schedule(0);
  return {
    /** Stops the schedule, waits for a running tick and signs the head once more. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
      await service.signCurrentHead().catch((error: unknown) => logger.warn({ err: error }, 'could not sign the audit head at shutdown'));
    },
  };
}
