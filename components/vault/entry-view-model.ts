import { signal } from '@preact/signals';
import type { EntryView } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';

/**
 * One entry as the vault page's details show it: read from the worker (its MAC verified there), and
 * the values of its hidden fields, each asked for only when someone chooses to show it — which the
 * worker reports to the server — and forgotten when hidden again or when another entry is shown.
 */
export function createEntryViewModel(page: PopupModel, itemId: string) {
  const view = signal<EntryView | null>(null);
  const error = signal<BackgroundError | null>(null);
  const shown = signal<ReadonlyMap<string, string>>(new Map());

  async function load(): Promise<void> {
    try {
      view.value = await page.request({ type: 'entry.read', itemId });
    } catch (failure) {
      error.value = asBackgroundError(failure);
    }
  }

  /** Shows the field's value, or hides it when it is shown. */
  async function toggle(fieldId: string): Promise<void> {
    const next = new Map(shown.value);
    if (next.delete(fieldId)) {
      shown.value = next;
      return;
    }
    try {
      const { value } = await page.request({ type: 'entry.revealField', itemId, fieldId });
      shown.value = new Map(shown.value).set(fieldId, value);
    } catch (failure) {
      error.value = asBackgroundError(failure);
    }
  }

  return { view, error, shown, load, toggle };
}

export type EntryViewModel = ReturnType<typeof createEntryViewModel>;
