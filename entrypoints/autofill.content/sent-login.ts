import { isCurrentPassword, isNewsletterInput, isPaymentInput, looksShown, usernameScore } from './field-kinds';
import { inputsOf } from './login-fields';

// What a form the user sends holds for saving (docs/autofill.md, "Saving"): the login and the
// password of a sign-in; only the login on a username step; the new password of a sign-up (two
// equal boxes); the current and the new password of a change-password form. Forms that hold a card
// number, or an email box that speaks of subscribing, are not logins.

export interface SentLogin {
  login: string | null;
  password: string | null;
  newPassword: string | null;
  /** The boxes whose disappearance tells a single-page app signed in. */
  boxes: HTMLInputElement[];
}

/** The inputs that go with `form`, or those outside any form when the page uses none, as the page shows them. */
function inputsSentWith(form: HTMLFormElement | null): HTMLInputElement[] {
  const inputs = form ? inputsOf(form) : inputsOf(document).filter((input) => input.form === null);
  return inputs.filter(looksShown);
}

/** The box most like a login among those before the first password box, with its value. */
function loginBox(inputs: HTMLInputElement[]): HTMLInputElement | null {
  let best: HTMLInputElement | null = null;
  for (const input of inputs) {
    if (input.type === 'password') break;
    const score = usernameScore(input);
    if (score >= 0 && input.value.trim() !== '' && (!best || score >= usernameScore(best))) best = input;
  }
  return best;
}

/** The login `form` (or the formless inputs) would send now, or null when it is no login. */
export function sentLogin(form: HTMLFormElement | null): SentLogin | null {
  const inputs = inputsSentWith(form);
  if (inputs.some(isPaymentInput)) return null;
  const box = loginBox(inputs);
  const login = box ? box.value.trim() : null;
  const passwords = inputs.filter((input) => input.type === 'password' && input.value !== '');
  const boxes = [...(box ? [box] : []), ...passwords];
  if (passwords.length === 0) {
    // A username step: a box that clearly asks for the login, and nothing else to send.
    if (!box || usernameScore(box) < 1 || isNewsletterInput(box)) return null;
    return { login, password: null, newPassword: null, boxes };
  }
  const [first, second, third] = passwords as [HTMLInputElement, HTMLInputElement?, HTMLInputElement?];
  if (!second) return isCurrentPassword(first) ? { login, password: first.value, newPassword: null, boxes } : { login, password: null, newPassword: first.value, boxes };
  if (!third) return second.value === first.value ? { login, password: null, newPassword: first.value, boxes } : { login, password: first.value, newPassword: second.value, boxes };
  // Current, new and its repeat; a repeat that differs is the form's to complain about.
  return second.value === third.value ? { login, password: first.value, newPassword: second.value, boxes } : null;
}
