import { browser } from '#imports';
import type { ContentScriptReplies, Reply } from '../../lib/messages/protocol';
import type { InlineMenu } from './inline-menu';
import { deepInputs } from './deep-inputs';
import { findLoginFields } from './login-fields';
import { findNewPasswordFields } from './new-password-fields';

// When the inline menu's icon goes into a login field: once the page has one — at load, or when a
// single-page app draws it later — and the worker has a login for this frame's site. Late fields
// are noticed by a mutation observer, debounced, and looked for at most once per interval, so a page
// that changes all the time costs one scan per interval, not one per change.

const DEBOUNCE_MS = 150;
const MIN_INTERVAL_MS = 1_000;
/** How often focusing a field without an icon asks the worker again (it may have been unlocked or synced since). */
const REASK_MS = 2_000;

export function watchLoginFields(menu: InlineMenu, signal: AbortSignal): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastScan = 0;
  let asked: HTMLInputElement | null = null;
  let askedAt = 0;

  let askedFor: 'logins' | 'newPassword' = 'logins';

  async function scan(): Promise<void> {
    lastScan = performance.now();
    // One walk of the page (shadow roots included) serves both questions: on a huge page it is the cost.
    const inputs = deepInputs(document);
    const fields = findLoginFields(document, inputs);
    const fresh = findNewPasswordFields(document, null, inputs);
    // A change-password form's current box looks like a login's: its new box gets the icon, whose fill sets both.
    const login = fresh?.current ? null : (fields?.username ?? fields?.password ?? null);
    // No login form: a sign-up or change-password form's new box gets the icon, to suggest a password.
    const target = login ?? fresh?.fresh[0] ?? null;
    if (!target || target === asked) return;
    await ask(target, login ? 'logins' : 'newPassword');
  }

  async function ask(target: HTMLInputElement, mode: 'logins' | 'newPassword'): Promise<void> {
    asked = target;
    askedFor = mode;
    askedAt = performance.now();
    const reply = (await browser.runtime.sendMessage({ type: 'autofill.pageState', newPassword: mode === 'newPassword' }).catch(() => null)) as Reply<ContentScriptReplies['autofill.pageState']> | null;
    if (reply?.ok && reply.value.showIcon && !signal.aborted) menu.attach(target, reply.value.iconLabel, mode);
  }

  function schedule(): void {
    clearTimeout(pending);
    const wait = Math.max(DEBOUNCE_MS, lastScan + MIN_INTERVAL_MS - performance.now());
    pending = setTimeout(() => void scan(), wait);
  }

  // Only changes that add elements can bring a field.
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0)) schedule();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // The answer at load may have been "nothing" because Keyhold was locked then: the user coming back to the field asks again.
  const onFocus = () => {
    if (asked?.matches(':focus') && !menu.host() && performance.now() - askedAt > REASK_MS) void ask(asked, askedFor);
  };
  addEventListener('focusin', onFocus, { capture: true });
  signal.addEventListener('abort', () => {
    removeEventListener('focusin', onFocus, { capture: true });
    observer.disconnect();
    clearTimeout(pending);
    menu.detach();
  });
  void scan();
}
