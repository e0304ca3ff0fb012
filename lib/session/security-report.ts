import type { SecurityReportStatus } from '../messages/protocol';
import { passwordHealth, type PasswordHealthReport } from '../vault/password-health';
import type { StrengthScore } from '../vault/strength-estimator';
import type { OpenedVault } from './opened-vault';

// The security dashboard's password report as the worker runs it: one run at a time, in the
// background of the worker's other work, over the entries of the unlocked vault. The page asks
// again until it is done (each ask is an event that keeps the service worker alive through a
// long run); a lock, or a newer run, ends the old one between two chunks.

interface Run {
  vault: OpenedVault;
  oldAfterDays: number;
  controller: AbortController;
  done: number;
  total: number;
  finished?: { report: PasswordHealthReport; at: number };
  error?: unknown;
}

/** The worker's password reports: `status` starts one when needed and says how far it is. */
export function createSecurityReports(deps: { vault(): Promise<OpenedVault>; score: StrengthScore; now(): number }) {
  let current: Run | null = null;

  function start(vault: OpenedVault, oldAfterDays: number): Run {
    current?.controller.abort();
    const entries = vault.passwordEntries();
    const run: Run = { vault, oldAfterDays, controller: new AbortController(), done: 0, total: entries.length };
    void passwordHealth(entries, {
      password: (itemId) => vault.revealPassword(itemId),
      score: deps.score,
      now: deps.now(),
      oldAfterDays,
      signal: run.controller.signal,
      progress: (done) => (run.done = done),
    }).then(
      (report) => (run.finished = { report, at: deps.now() }),
      (error: unknown) => {
        if (!run.controller.signal.aborted) run.error = error;
      },
    );
    return run;
  }

  return {
    /** The report, or how far its run is; starts a run for a vault opened since, other days, or `restart`. Throws a failed run's error once. */
    async status(oldAfterDays: number, restart: boolean): Promise<SecurityReportStatus> {
      const vault = await deps.vault();
      if (!current || restart || current.vault !== vault || current.oldAfterDays !== oldAfterDays) current = start(vault, oldAfterDays);
      const run = current;
      if (run.error !== undefined) {
        current = null;
        throw run.error;
      }
      if (run.finished) return { state: 'done', report: run.finished.report, finishedAt: run.finished.at };
      return { state: 'running', done: run.done, total: run.total };
    },
    /** Ends a run and forgets its report (on lock). */
    forget(): void {
      current?.controller.abort();
      current = null;
    },
  };
}
