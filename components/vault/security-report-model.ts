import { signal } from '@preact/signals';
import type { SecurityReportStatus } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';

/** How often the page asks how far the worker's run is: each ask also keeps the service worker awake. */
export const POLL_MS = 500;

/**
 * The password report as the page follows it: the worker runs it and is asked again until it is
 * done. Only findings ever come back (lib/session/security-report.ts).
 */
export function createSecurityReportModel(page: PopupModel, oldAfterDays: number) {
  const status = signal<SecurityReportStatus | null>(null);
  const error = signal<BackgroundError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function ask(restart: boolean): Promise<void> {
    clearTimeout(timer);
    try {
      const next = await page.request({ type: 'security.report', oldAfterDays, restart });
      if (disposed) return;
      status.value = next;
      error.value = null;
      if (next.state === 'running') timer = setTimeout(() => void ask(false), POLL_MS);
    } catch (failure) {
      if (!disposed) error.value = asBackgroundError(failure);
    }
  }

  return {
    status,
    error,
    /** The report as the worker has it, or a run started. */
    open: () => ask(false),
    /** A new run over the entries as they are now. */
    recheck: () => ask(true),
    dispose(): void {
      disposed = true;
      clearTimeout(timer);
    },
  };
}

export type SecurityReportModel = ReturnType<typeof createSecurityReportModel>;
