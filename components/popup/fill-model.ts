import { signal } from '@preact/signals';
import { BackgroundError } from '../../lib/messages/send';
import type { ClipboardModel } from './clipboard-model';
import { asBackgroundError, type PopupModel } from './popup-model';

/**
 * The popup's Fill: asks the worker to fill the tab the popup was opened over with one entry. On an
 * http page for an https entry the worker refuses until the user says "Fill anyway"; a fill closes
 * the popup, as the user's next step is on the page — with the entry's one-time code in the
 * clipboard when the page had no box for it (the code page usually comes after the login).
 */
export function createFillModel(popup: PopupModel, clipboard: Pick<ClipboardModel, 'copyEntryValue'>) {
  /** The entry waiting for "Fill anyway" on an insecure page. */
  const insecure = signal<{ itemId: string; hasTotp: boolean } | null>(null);
  const error = signal<BackgroundError | null>(null);

  async function fill(itemId: string, hasTotp: boolean, allowInsecure = false): Promise<void> {
    const tab = await popup.environment.activeTab().catch(() => undefined);
    try {
      if (!tab) throw new BackgroundError({ code: 'notForThisSite', message: 'The popup was not opened over a tab.' });
      const { filled } = await popup.request({ type: 'autofill.fill', tabId: tab.id, itemId, ...(allowInsecure ? { allowInsecure } : {}) });
      if (hasTotp && !filled.includes('totp')) await clipboard.copyEntryValue(itemId, 'totp', (await popup.request({ type: 'entry.totp', itemId })).code);
      insecure.value = null;
      error.value = null;
      popup.environment.closePopup();
    } catch (failure) {
      const refusal = asBackgroundError(failure);
      insecure.value = refusal.code === 'insecurePage' ? { itemId, hasTotp } : null;
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
