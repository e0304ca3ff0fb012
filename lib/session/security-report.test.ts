import { describe, expect, it } from 'vitest';
import type { OpenedVault } from './opened-vault';
import { createSecurityReports } from './security-report';
import type { HealthEntry } from '../vault/password-health';

// The worker's side of the security dashboard: one run at a time over the unlocked vault, asked
// again until done, and what it answers holds findings only.

const NOW = Date.UTC(2026, 10, 30);
const entries: HealthEntry[] = Array.from({ length: 1_000 }, (_, i) => ({ id: `item-${i}`, vaultId: 'vault-1', name: `Entry ${i}`, login: 'ops', urls: [], updatedAt: NOW }));
const passwordOf = (itemId: string) => (itemId === 'item-7' ? 'hunter2' : itemId === 'item-8' || itemId === 'item-9' ? 'Shared-Pa55word!' : `unique ${itemId} password`);

function fakeVault(): OpenedVault {
  return { passwordEntries: () => entries, revealPassword: async (itemId: string) => passwordOf(itemId) } as unknown as OpenedVault;
}

async function finished(reports: ReturnType<typeof createSecurityReports>, days = 365) {
  for (;;) {
    const status = await reports.status(days, false);
    if (status.state === 'done') return status;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('createSecurityReports', () => {
  it('runs beside the requests, says how far it is, then answers the findings without a password', async () => {
    const vault = fakeVault();
    const reports = createSecurityReports({ vault: async () => vault, score: async (password) => (password === 'hunter2' ? 0 : 4), now: () => NOW });
    expect(await reports.status(365, false)).toEqual({ state: 'running', done: 0, total: 1_000 });
    const done = await finished(reports);
    expect(done.report.weak.map((found) => found.id)).toEqual(['item-7']);
    expect(done.report.reused.map((group) => group.map((found) => found.id))).toEqual([['item-8', 'item-9']]);
    const sent = JSON.stringify(done);
    expect(sent).not.toContain('hunter2');
    expect(sent).not.toContain('Shared-Pa55word');
    expect(sent).not.toContain('unique');
    // Asked again, the same report; restarted, a new run.
    expect(await reports.status(365, false)).toEqual(done);
    expect((await reports.status(365, true)).state).toBe('running');
  });

  it('starts again for a vault unlocked since or other days, and says a lock', async () => {
    let vault = fakeVault();
    const reports = createSecurityReports({ vault: async () => vault, score: async () => 4, now: () => NOW });
    await finished(reports);
    vault = fakeVault();
    expect((await reports.status(365, false)).state).toBe('running');
    await finished(reports);
    expect((await reports.status(90, false)).state).toBe('running');
    const locked = createSecurityReports({ vault: () => Promise.reject(new Error('Keyhold is locked.')), score: async () => 4, now: () => NOW });
    await expect(locked.status(365, false)).rejects.toThrow('locked');
  });

  it('answers a failed run once, then starts again', async () => {
    const vault = { passwordEntries: () => entries, revealPassword: async () => 'x' } as unknown as OpenedVault;
    let fail = true;
    const reports = createSecurityReports({ vault: async () => vault, score: async () => (fail ? Promise.reject(new Error('estimator did not load')) : 4), now: () => NOW });
    await reports.status(365, false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(reports.status(365, false)).rejects.toThrow('estimator did not load');
    fail = false;
    expect((await finished(reports)).state).toBe('done');
  });
});
