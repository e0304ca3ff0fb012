import { browser } from '#imports';
import type { ContentScriptReplies, Reply } from '../../lib/messages/protocol';
import { filledByKeyhold } from './fill-input';
import { findLoginFields } from './login-fields';
import { looksShown } from './field-kinds';
import { sentLogin, type SentLogin } from './sent-login';
import type { SaveBar } from './save-bar';

// Noticing the logins the user sends (docs/autofill.md, "Saving"): a form's submit, a click on a
// button of a form with a login (single-page apps sign in without submitting), or Enter in its
// boxes. The values go to the worker, which keeps them until the sign-in is seen to succeed: the
// tab's next page shows no login form (told by the top frame when it loads), or — no page load —
// the boxes the user sent vanish or the address changes while no login form is shown.

const SUCCESS_WATCH_MS = 8_000;
const SUCCESS_LOOK_MS = 250;
/** A click and the submit it causes are one sending. */
const SAME_SENDING_MS = 1_000;

const BUTTONS = 'button, input[type="submit"], input[type="button"], input[type="image"], [role="button"]';

export function watchSentLogins(bar: SaveBar, signal: AbortSignal): void {
  let last: { key: string; at: number } | null = null;
  let watch: ReturnType<typeof setInterval> | undefined;

  function send(form: HTMLFormElement | null): void {
    const sent = sentLogin(form);
    // Only what the user typed or Keyhold filled: a page that writes passwords into its own boxes
    // and sends them must not get an update of the site's entry offered.
    if (!sent) return;
    // The password boxes must hold the user's values; a username step's login box likewise (its login joins the password sent next).
    const passwords = sent.boxes.filter((box) => box.type === 'password');
    if (!(passwords.length > 0 ? passwords : sent.boxes).every((box) => typedByUser.has(box) || filledByKeyhold.has(box))) return;
    const key = JSON.stringify([sent.login, sent.password, sent.newPassword]);
    if (last && last.key === key && performance.now() - last.at < SAME_SENDING_MS) return;
    last = { key, at: performance.now() };
    void browser.runtime.sendMessage({ type: 'save.captured', login: sent.login, password: sent.password, newPassword: sent.newPassword }).catch(() => undefined);
    if (sent.password !== null || sent.newPassword !== null) watchForSuccess(sent);
  }

  /** A single-page app signed in: the boxes sent are gone or hidden, or the address changed, and no login form is shown. */
  function watchForSuccess(sent: SentLogin): void {
    clearInterval(watch);
    const address = location.href;
    const started = performance.now();
    watch = setInterval(() => {
      if (performance.now() - started > SUCCESS_WATCH_MS) return clearInterval(watch);
      const gone = sent.boxes.some((box) => !box.isConnected || !looksShown(box)) || location.href !== address;
      if (!gone || findLoginFields(document)?.password) return;
      clearInterval(watch);
      void browser.runtime.sendMessage({ type: 'save.succeeded' }).catch(() => undefined);
    }, SUCCESS_LOOK_MS);
  }

  const typedByUser = new WeakSet<HTMLInputElement>();
  const onInput = (event: Event) => {
    const target = event.composedPath()[0];
    if (event.isTrusted && target instanceof HTMLInputElement) typedByUser.add(target);
  };
  const formOf = (target: EventTarget | null) => (target instanceof HTMLFormElement ? target : target instanceof HTMLInputElement || target instanceof HTMLButtonElement ? target.form : null);
  const onSubmit = (event: Event) => send(formOf(event.composedPath()[0] ?? null));
  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    const button = (event.composedPath()[0] as Element | undefined)?.closest?.(BUTTONS);
    if (button) send(button instanceof HTMLButtonElement || button instanceof HTMLInputElement ? button.form : button.closest('form'));
  };
  const onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    if (event.isTrusted && event.key === 'Enter' && target instanceof HTMLInputElement) send(target.form);
  };
  addEventListener('input', onInput, { capture: true });
  addEventListener('submit', onSubmit, { capture: true });
  addEventListener('click', onClick, { capture: true });
  addEventListener('keydown', onKey, { capture: true });
  signal.addEventListener('abort', () => {
    removeEventListener('input', onInput, { capture: true });
    removeEventListener('submit', onSubmit, { capture: true });
    removeEventListener('click', onClick, { capture: true });
    removeEventListener('keydown', onKey, { capture: true });
    clearInterval(watch);
  });

  // The tab's top page after a sign-in: the worker offers what was sent if this page asks for no login.
  if (window === window.top) void offerOnLoad(bar, signal);
}

/** Asks whether a login waits for this tab, and only then looks for a login form (a walk of the whole page). */
async function offerOnLoad(bar: SaveBar, signal: AbortSignal): Promise<void> {
  const ask = (loginForm?: boolean) =>
    browser.runtime.sendMessage({ type: 'save.pageLoaded', ...(loginForm === undefined ? {} : { loginForm }) }).catch(() => null) as Promise<Reply<ContentScriptReplies['save.pageLoaded']> | null>;
  const first = await ask();
  if (!first?.ok || !first.value.waiting || signal.aborted) return;
  const reply = await ask(Boolean(findLoginFields(document)?.password));
  if (reply?.ok && reply.value.barToken && !signal.aborted) bar.show(reply.value.barToken);
}
