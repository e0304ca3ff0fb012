import { signal } from '@preact/signals';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError } from './popup-model';

/**
 * The state of one form's request: whether it is running and why it last failed. A second submit
 * while one runs is ignored, so Enter pressed twice sends one sign-in.
 */
export function createActionState() {
  const pending = signal(false);
  const error = signal<BackgroundError | null>(null);

  /** Runs `work` unless already running; returns its result, or undefined after recording the failure. */
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (pending.value) return undefined;
    pending.value = true;
    error.value = null;
    try {
      return await work();
    } catch (failure) {
      error.value = asBackgroundError(failure);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  let tail: Promise<void> = Promise.resolve();

  /**
   * Runs `work` after every earlier queued one and drops none: a select changed with the arrow keys
   * sends one change per key press, and the last one must win, in order.
   */
  function enqueue(work: () => Promise<unknown>): Promise<void> {
    tail = tail.then(work).then(
      () => void (error.value = null),
      (failure: unknown) => void (error.value = asBackgroundError(failure)),
    );
    return tail;
  }

  function fail(failure: BackgroundError): void {
    error.value = failure;
  }

  function clearError(): void {
    error.value = null;
  }

  return { pending, error, run, enqueue, fail, clearError };
}

/** A form's request state; see createActionState. */
export type ActionState = ReturnType<typeof createActionState>;
