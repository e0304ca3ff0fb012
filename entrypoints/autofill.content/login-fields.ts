import { deepInputs } from './deep-inputs';
import { isCurrentPassword, isNewsletterInput, isPaymentInput, usernameScore } from './field-kinds';

// Where a login goes on this page: the first password box a login fills, and the login box that
// belongs with it — in the same form, or, for inputs without a <form>, before it in the page. A
// page with no password box may be the first step of a multi-step login: one box that asks for the
// login. Forms that take card numbers are payment forms, and a lone email box that speaks of
// subscribing is a newsletter: never login forms.

export interface LoginFields {
  username: HTMLInputElement | null;
  password: HTMLInputElement | null;
}

const usable = (input: HTMLInputElement) => !input.disabled && input.type !== 'hidden';

/** The inputs a login form could use: a form's own, or the whole page's, shadow roots included. */
function inputsOf(scope: HTMLFormElement | Document | ShadowRoot): HTMLInputElement[] {
  const inputs = scope instanceof HTMLFormElement ? [...scope.querySelectorAll('input')] : deepInputs(scope);
  return inputs.filter(usable);
}

/** The best login box before `password` among `inputs`: the highest score, nearest to it on a tie. */
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
  return best;
}

/** The login fields of `root` (a document or shadow root), or null when it has no login form. */
export function findLoginFields(root: Document | ShadowRoot): LoginFields | null {
  const all = inputsOf(root);
  for (const password of all.filter(isCurrentPassword)) {
    const inputs = password.form ? inputsOf(password.form) : all;
    if (inputs.some(isPaymentInput)) continue;
    return { username: usernameBefore(inputs, password), password };
  }
  // No password to fill: a box that clearly asks for the login is a username step — unless its form
  // (or, without one, the page) asks for a new password: that is a sign-up form.
  const pageAsksPassword = all.some((other) => other.type === 'password');
  const asksNewPassword = (input: HTMLInputElement) => (input.form ? inputsOf(input.form).some((other) => other.type === 'password') : pageAsksPassword);
  const step = all.filter((input) => usernameScore(input) >= 1 && !isNewsletterInput(input) && !asksNewPassword(input) && !(input.form && inputsOf(input.form).some(isPaymentInput)));
  return step.length === 1 ? { username: step[0]!, password: null } : null;
}
