import { browser } from '#imports';
import { contentRequest, type ContentFillReply } from '../../lib/messages/protocol';
import { fillInputs } from './fill-input';
import type { InlineMenu } from './inline-menu';
import { fillProblem } from './fill-safety';
import { findLoginFields } from './login-fields';
import { findNewPasswordFields } from './new-password-fields';
import { codeScope, codeTargets, findCodeFields } from './one-time-code';

// Fills this frame's login form when the worker says so. Only the extension can send it (no
// externally_connectable); the worker has verified the entry and matched it to the tab's URL, and
// this frame checks again that its document is still at that origin — it may have navigated
// meanwhile, or be a sandboxed document whose real origin is opaque — and that every field it would
// fill is one the user can see.

type Target = { name: 'username' | 'password' | 'totp'; input: HTMLInputElement; value: string };

/** What to fill: the login form's fields, and a one-time-code field beside them or on a page of its own. */
function targetsOf(login: string | null, password: string | null, totp: string | null): Target[] {
  const fields = findLoginFields(document);
  const targets: Target[] = [];
  if (login !== null && fields?.username) targets.push({ name: 'username', input: fields.username, value: login });
  if (password !== null && fields?.password) targets.push({ name: 'password', input: fields.password, value: password });
  const codeFields = totp === null ? null : findCodeFields(codeScope(document, fields?.password ?? fields?.username ?? null));
  if (codeFields && totp !== null) for (const target of codeTargets(codeFields, totp)) if (!targets.some(({ input }) => input === target.input)) targets.push({ name: 'totp', ...target });
  return targets;
}

/** Why this frame must not be filled for the worker's `origin` (it navigated, or is sandboxed), or null. */
function frameRefusal(origin: string): ContentFillReply | null {
  // self.origin is "null" for a sandboxed document even where location says the site.
  if (location.origin !== origin || self.origin !== origin) return { refused: 'wrongOrigin' };
  // A frame the page sandboxed (allow-same-origin keeps its origin) runs under the page's rules, not the site's.
  if (window !== window.top && window.frameElement?.hasAttribute('sandbox')) return { refused: 'sandboxed' };
  return null;
}

function fill(origin: string, login: string | null, password: string | null, totp: string | null, via: 'menu' | undefined, menu: InlineMenu): ContentFillReply {
  // A fill asked from the inline menu stands only while this frame's menu is open and shown as it is.
  if (via === 'menu' && !menu.isOpenAndShown()) return { refused: 'covered' };
  const refusal = frameRefusal(origin);
  if (refusal) return refusal;
  let targets = targetsOf(login, password, totp);
  // Beside a login, the code is a bonus: a code box the user cannot see is left out, not a reason to refuse the login.
  const ownUi = menu.host();
  if (targets.some(({ name }) => name !== 'totp')) targets = targets.filter(({ name, input }) => name !== 'totp' || fillProblem(input, ownUi) === null);
  if (targets.length === 0) return { refused: 'noLoginForm' };
  // Every field is checked before any is filled: a page must not get half a login.
  for (const { input } of targets) {
    const problem = fillProblem(input, ownUi);
    if (problem) return { refused: problem };
  }
  fillInputs(targets);
  return { filled: [...new Set(targets.map(({ name }) => name))] };
}

/**
 * Puts the password the menu suggested into the form's new-password boxes (the new one and its
 * repeat), and the current password into a change form's current box when the worker knows it —
 * only while this frame's menu is open and seen, at the origin the worker checked, into boxes the
 * user can see.
 */
function fillNewPassword(origin: string, password: string, current: string | null, menu: InlineMenu): ContentFillReply {
  if (!menu.isOpenAndShown()) return { refused: 'covered' };
  const refusal = frameRefusal(origin);
  if (refusal) return refusal;
  const opened = menu.field();
  const fields = findNewPasswordFields(document, opened);
  // Only the form the menu was opened on: a suggestion is that box's.
  if (!fields || !opened || !fields.fresh.includes(opened)) return { refused: 'noLoginForm' };
  // The current box first: the caret ends in the repeat box, from where Enter sends the form.
  const targets = [...(fields.current && current !== null ? [{ input: fields.current, value: current }] : []), ...fields.fresh.map((input) => ({ input, value: password }))];
  const ownUi = menu.host();
  for (const { input } of targets) {
    const problem = fillProblem(input, ownUi);
    if (problem) return { refused: problem };
  }
  fillInputs(targets);
  return { filled: fields.current && current !== null ? ['newPassword', 'currentPassword'] : ['newPassword'] };
}

/** Starts answering fill requests (and the menu's close) until `signal` aborts. */
export function init(signal: AbortSignal, menu: InlineMenu): void {
  function answerFill(message: unknown, sender: { id?: string }, sendResponse: (reply: ContentFillReply | { closed: true }) => void) {
    if (sender.id !== browser.runtime.id) return;
    const parsed = contentRequest.safeParse(message);
    if (!parsed.success) return;
    if (parsed.data.type === 'content.menuClose') {
      menu.close();
      sendResponse({ closed: true });
      return;
    }
    if (parsed.data.type === 'content.fillNewPassword') {
      const { origin, password, current } = parsed.data;
      sendResponse(fillNewPassword(origin, password, current, menu));
      menu.close();
      return;
    }
    if (parsed.data.type !== 'content.fill') return;
    const started = performance.now();
    const reply = fill(parsed.data.origin, parsed.data.login, parsed.data.password, parsed.data.totp, parsed.data.via, menu);
    if (parsed.data.via === 'menu') menu.close();
    sendResponse('filled' in reply ? { ...reply, ms: performance.now() - started } : reply);
  }
  browser.runtime.onMessage.addListener(answerFill);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(answerFill));
}
