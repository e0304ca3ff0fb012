import { computed, signal } from '@preact/signals';
import type { EntryView } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { changePasswordUrl } from '../../lib/vault/saving/change-password-url';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { lazyZxcvbnScore, WEAK_SCORE } from './lazy-zxcvbn';

/**
 * One entry as the vault page's details show it: read from the worker (its MAC verified there), and
 * the values of its hidden fields, each asked for only when someone chooses to show it — which the
 * worker reports to the server — and forgotten when hidden again or when another entry is shown.
 */
export function createEntryViewModel(page: PopupModel, itemId: string) {
  const view = signal<EntryView | null>(null);
  const error = signal<BackgroundError | null>(null);
  const shown = signal<ReadonlyMap<string, string>>(new Map());
  /** The shown password fields whose value zxcvbn rates weak; only a shown value is ever rated. */
  const weak = signal<ReadonlySet<string>>(new Set());
  /** The site's page for changing the password, or null when the entry names no site. */
  const changePassword = computed(() => (view.value ? changePasswordUrl(view.value.urls) : null));

  async function load(): Promise<void> {
    try {
      view.value = await page.request({ type: 'entry.read', itemId });
    } catch (failure) {
      error.value = asBackgroundError(failure);
    }
  }

  /** Marks a shown password field weak once rated, unless it was hidden meanwhile. */
  async function rate(fieldId: string, value: string): Promise<void> {
    const entry = view.value;
    if (entry?.fields.find((field) => field.id === fieldId)?.type !== 'password') return;
    const related = [entry.name, entry.login, ...entry.urls.map((url) => url.url)].filter(Boolean);
    // The warning is advice: an estimator that fails to load shows none rather than an error.
    const score = await lazyZxcvbnScore(value, related).catch(() => null);
    if (score === null || score > WEAK_SCORE || shown.value.get(fieldId) !== value) return;
    weak.value = new Set(weak.value).add(fieldId);
  }

  /** Shows the field's value, or hides it when it is shown. */
  async function toggle(fieldId: string): Promise<void> {
    const next = new Map(shown.value);
    if (next.delete(fieldId)) {
      shown.value = next;
      const rated = new Set(weak.value);
      if (rated.delete(fieldId)) weak.value = rated;
      return;
    }
    try {
      const { value } = await page.request({ type: 'entry.revealField', itemId, fieldId });
      shown.value = new Map(shown.value).set(fieldId, value);
      void rate(fieldId, value);
    } catch (failure) {
      error.value = asBackgroundError(failure);
    }
  }

  return { view, error, shown, weak, changePassword, load, toggle };
}

export type EntryViewModel = ReturnType<typeof createEntryViewModel>;
