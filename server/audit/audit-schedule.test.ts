import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditChainService } from './audit-chain.service';
import { startAuditSchedule } from './audit-schedule';

const silent = pino({ level: 'silent' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5000; waited += 5) await pause(5);
}

function fakeService(calls: string[], options: { failFirst?: boolean } = {}) {
  let failures = options.failFirst ? 1 : 0;
  return {
    enforceRetention: async (days: number) => {
      calls.push(`retention ${days}`);
      return 0;
    },
    signCurrentHead: async () => {
      calls.push('sign');
      if (failures-- > 0) throw new Error('database away');
      return undefined;
    },
  } as unknown as AuditChainService;
}

describe('the audit schedule', () => {
  it('enforces retention (when a period is set) and signs at start and every interval, then once more at stop', async () => {
    const calls: string[] = [];
    let days: number | null = null;
    const schedule = startAuditSchedule({ service: fakeService(calls), retentionDays: async () => days, intervalMs: 30, logger: silent });
    await until(() => calls.length > 0);
    days = 7;
    await until(() => calls.includes('retention 7'));
    await schedule.stop();
    expect(calls.slice(0, calls.indexOf('retention 7')).every((call) => call === 'sign')).toBe(true);
    expect(calls[calls.indexOf('retention 7') + 1]).toBe('sign');
    const stopped = calls.length;
    expect(calls.at(-1)).toBe('sign');
    await pause(60);
    expect(calls).toHaveLength(stopped);
  });

  it('keeps going after a failed tick', async () => {
    const calls: string[] = [];
    const schedule = startAuditSchedule({ service: fakeService(calls, { failFirst: true }), retentionDays: async () => null, intervalMs: 20, logger: silent });
    await until(() => calls.length >= 2);
    await schedule.stop();
    expect(calls.filter((call) => call === 'sign').length).toBeGreaterThanOrEqual(3);
  });
});
