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

/** The inputs a login form could use within `scope`, in document order. */
function inputsOf(scope: ParentNode): HTMLInputElement[] {
  return [...scope.querySelectorAll('input')].filter((input) => !input.disabled && input.type !== 'hidden');
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
  const asksNewPassword = (input: HTMLInputElement) => inputsOf(input.form ?? root).some((other) => other.type === 'password');
  const step = all.filter((input) => usernameScore(input) >= 1 && !isNewsletterInput(input) && !asksNewPassword(input) && !(input.form && inputsOf(input.form).some(isPaymentInput)));
  return step.length === 1 ? { username: step[0]!, password: null } : null;
}
