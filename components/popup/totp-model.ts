import { signal } from '@preact/signals';
import type { TotpReply } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from './popup-model';

/**
 * One entry's current one-time code. The background computes it (the secret never leaves the
 * worker); a new code is fetched the moment the shown one expires.
 */
export function createTotpModel(popup: PopupModel, itemId: string) {
  const reply = signal<TotpReply | null>(null);
  const error = signal<BackgroundError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const next = await popup.request({ type: 'entry.totp', itemId });
      if (disposed) return;
      reply.value = next;
      error.value = null;
      // At least a second apart, so a clock the background and popup disagree on cannot spin this.
      timer = setTimeout(() => void load(), Math.max(1000, next.validUntil - Date.now()));
    } catch (failure) {
      if (!disposed) error.value = asBackgroundError(failure);
    }
  }

  function dispose(): void {
    disposed = true;
    clearTimeout(timer);
  }

  return { reply, error, load, dispose };
}

/** An entry's one-time code model; see createTotpModel. */
export type TotpModel = ReturnType<typeof createTotpModel>;
