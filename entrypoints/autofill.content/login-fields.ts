import { deepInputs } from './deep-inputs';
import { isCurrentPassword, isNewsletterInput, isPaymentInput, looksShown, usernameScore } from './field-kinds';

// Where a login goes on this page: a password box a login fills — among those the page shows, one
// alone in its form first — and the login box that belongs with it: in the same form, or, for a
// password box outside any form, among the boxes before it that are outside forms too. A page with
// no password box may be the first step of a multi-step login: one box that asks for the login.
// Forms that take card numbers are payment forms, a lone email box that speaks of subscribing is a
// newsletter, and a form that asks for a new password is a sign-up: never login forms.

export interface LoginFields {
  username: HTMLInputElement | null;
  password: HTMLInputElement | null;
}

const usable = (input: HTMLInputElement) => !input.disabled && input.type !== 'hidden';

/** A form's inputs (those joined with form="…" included), or the whole page's, shadow roots included. */
export function inputsOf(scope: HTMLFormElement | Document | ShadowRoot): HTMLInputElement[] {
  const inputs = scope instanceof HTMLFormElement ? [...scope.elements].filter((element): element is HTMLInputElement => element instanceof HTMLInputElement) : deepInputs(scope);
  return inputs.filter(usable);
}

/**
 * The login box before `password` among `inputs`: the highest score, nearest to it on a tie. When
 * that box is one the page does not show (a step-2 page keeps the login in a hidden box), none: a
 * lower-scoring box that happens to be visible is not the login.
 */
function usernameBefore(inputs: HTMLInputElement[], password: HTMLInputElement): HTMLInputElement | null {
  let best: HTMLInputElement | null = null;
  let bestScore = -1;
  for (const input of inputs) {
    if (input === password) break;
    const score = usernameScore(input);
    if (score >= 0 && score >= bestScore) {
      best = input;
      bestScore = score;
    }
  }
  return best && looksShown(best) ? best : null;
}

/** The login fields of `root` (a document or shadow root), or null when it has no login form; `inputs`: its deepInputs when the caller has them already. */
export function findLoginFields(root: Document | ShadowRoot, inputs?: HTMLInputElement[]): LoginFields | null {
  const all = inputs ? inputs.filter(usable) : inputsOf(root);
  const formless = all.filter((input) => input.form === null);
  const scopeOf = (input: HTMLInputElement) => (input.form ? inputsOf(input.form) : formless);
  const passwordCount = (input: HTMLInputElement) => scopeOf(input).filter((other) => other.type === 'password').length;
  const candidates = all.filter((input) => isCurrentPassword(input) && looksShown(input) && !scopeOf(input).some(isPaymentInput));
  // A form with one password box signs in; one with two or three (new, repeat) signs up or changes it.
  const password = candidates.find((input) => passwordCount(input) === 1) ?? candidates[0];
  if (password) return { username: usernameBefore(scopeOf(password), password), password };
  // No password to fill: a box that clearly asks for the login is a username step — unless its form
  // (or, outside forms, the page) asks for a password after all: that is a sign-up form.
  const step = all.filter((input) => usernameScore(input) >= 1 && looksShown(input) && !isNewsletterInput(input) && !scopeOf(input).some((other) => other.type === 'password' || isPaymentInput(other)));
  return step.length === 1 ? { username: step[0]!, password: null } : null;
}
