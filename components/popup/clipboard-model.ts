import { signal } from '@preact/signals';
import type { BackgroundError } from '../../lib/messages/send';
import { CLIPBOARD_CLEAR_SECONDS } from '../../lib/settings/clipboard-clear';
import { asBackgroundError, type PopupModel } from './popup-model';

/** Before the status says otherwise: the shortest time on offer. */
const DEFAULT_CLEAR_SECONDS = CLIPBOARD_CLEAR_SECONDS[0];

/** What the copy notice says: counting down, cleared, or why the copy failed. */
export type ClipboardNotice =
  | { kind: 'copied'; secondsLeft: number; /** Only this popup clears it, so closing it keeps the value. */ popupOnly: boolean }
  | { kind: 'cleared' }
  | { kind: 'clipboardDenied' }
  | { kind: 'failed'; error: BackgroundError };

/** The copied field of an entry, as the background names it. */
export type CopiedField = 'login' | 'password' | 'totp';

/**
 * Copies values for the popup and clears them 30 s later if they are still there. The background
 * clears too (an alarm that outlives the popup), told through `clipboard.copied`; this popup also
 * clears at once when it is still open, which needs no alarm and no offscreen document.
 */
export function createClipboardModel(popup: PopupModel) {
  const notice = signal<ClipboardNotice | null>(null);
  const clipboard = popup.environment.clipboard;
  let copied: string | null = null;
  let deadline = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function clearIfUnchanged(): Promise<void> {
    stopTimer();
    const value = copied;
    copied = null;
    try {
      // Something the user copied since is theirs: only our own value is wiped.
      if ((await clipboard.readText()) === value) await clipboard.writeText('');
      notice.value = { kind: 'cleared' };
    } catch {
      notice.value = null; // Reading was refused; the background's alarm still clears it.
    }
  }

  function tick(popupOnly: boolean): void {
    const secondsLeft = Math.ceil((deadline - Date.now()) / 1000);
    if (secondsLeft <= 0) void clearIfUnchanged();
    else notice.value = { kind: 'copied', secondsLeft, popupOnly };
  }

  function startCountdown(value: string, seconds: number, popupOnly: boolean): void {
    stopTimer();
    copied = value;
    deadline = Date.now() + seconds * 1000;
    tick(popupOnly);
    timer = setInterval(() => tick(popupOnly), 1000);
  }

  function stopTimer(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  async function write(value: string): Promise<boolean> {
    try {
      await clipboard.writeText(value);
      return true;
    } catch {
      notice.value = { kind: 'clipboardDenied' };
      return false;
    }
  }

  /** Copies `value` of entry `itemId` and has the background clear it; a refusal shows in `notice`. */
  async function copyEntryValue(itemId: string, field: CopiedField, value: string): Promise<void> {
    if (!(await write(value))) return;
    try {
      const { clearAfterSeconds } = await popup.request({ type: 'clipboard.copied', itemId, field });
      startCountdown(value, clearAfterSeconds, false);
    } catch {
      startCountdown(value, popup.status.value?.clipboardClearSeconds ?? DEFAULT_CLEAR_SECONDS, true);
    }
  }

  /** Fetches and copies an entry's login or password (decrypted on demand by the background). */
  async function copyEntryField(itemId: string, field: 'login' | 'password'): Promise<void> {
    try {
      const { value } = await popup.request({ type: 'entry.reveal', itemId, field });
      await copyEntryValue(itemId, field, value);
    } catch (error) {
      notice.value = { kind: 'failed', error: asBackgroundError(error) };
    }
  }

  /** Copies a value that belongs to no entry (the generator's); only this popup can clear it. */
  async function copyLoose(value: string): Promise<void> {
    if (await write(value)) startCountdown(value, popup.status.value?.clipboardClearSeconds ?? DEFAULT_CLEAR_SECONDS, true);
  }

  return { notice, copyEntryField, copyEntryValue, copyLoose, dispose: stopTimer };
}

/** The popup's clipboard model; see createClipboardModel. */
export type ClipboardModel = ReturnType<typeof createClipboardModel>;
