import { useState } from 'preact/hooks';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError } from '../popup/popup-model';

/**
 * Runs one of a panel's requests at a time and keeps its failure to show: `busy` disables the
 * panel's buttons meanwhile, so a double click cannot send a change twice.
 */
export function usePageAction() {
  const [failure, setFailure] = useState<BackgroundError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    try {
      await work();
      setFailure(null);
      return true;
    } catch (error) {
      setFailure(asBackgroundError(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { failure, busy, run };
}
