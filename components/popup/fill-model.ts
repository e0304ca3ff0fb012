import { signal } from '@preact/signals';
import { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from './popup-model';

/**
 * The popup's Fill: asks the worker to fill the tab the popup was opened over with one entry. On an
 * http page for an https entry the worker refuses until the user says "Fill anyway"; a fill closes
 * the popup, as the user's next step is on the page.
 */
export function createFillModel(popup: PopupModel) {
  /** The entry waiting for "Fill anyway" on an insecure page. */
  const insecure = signal<string | null>(null);
  const error = signal<BackgroundError | null>(null);

  async function fill(itemId: string, allowInsecure = false): Promise<void> {
    const tab = await popup.environment.activeTab().catch(() => undefined);
    try {
      if (!tab) throw new BackgroundError({ code: 'notForThisSite', message: 'The popup was not opened over a tab.' });
      await popup.request({ type: 'autofill.fill', tabId: tab.id, itemId, ...(allowInsecure ? { allowInsecure } : {}) });
      insecure.value = null;
      error.value = null;
      popup.environment.closePopup();
    } catch (failure) {
      const refusal = asBackgroundError(failure);
      insecure.value = refusal.code === 'insecurePage' ? itemId : null;
      error.value = refusal.code === 'insecurePage' ? null : refusal;
    }
  }

  function cancel(): void {
    insecure.value = null;
    error.value = null;
  }

  return { insecure, error, fill, cancel };
}

export type FillModel = ReturnType<typeof createFillModel>;
