// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { sentLogin } from './sent-login';

// What a form would send, for saving: from the markup and the values typed (the e2e tests send real forms).

afterEach(() => {
  document.body.replaceChildren();
});

/** Puts `markup` in the page, types `values` into the inputs by name, and reads what its first form (or the formless inputs) sends. */
function sent(markup: string, values: Record<string, string>) {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
  for (const [name, value] of Object.entries(values)) document.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = value;
  const found = sentLogin(document.querySelector('form'));
  return found && { login: found.login, password: found.password, newPassword: found.newPassword };
}

describe('sentLogin', () => {
  it.each([
    ['a sign-in', '<form><input name="email" type="email"><input name="pw" type="password"></form>', { email: 'ana@acme.test', pw: 'secret' }, { login: 'ana@acme.test', password: 'secret', newPassword: null }],
    ['a username step', '<form><input name="user" autocomplete="username"></form>', { user: 'ana' }, { login: 'ana', password: null, newPassword: null }],
    ['a password step', '<form><input name="pw" type="password"></form>', { pw: 'secret' }, { login: null, password: 'secret', newPassword: null }],
    [
      'a sign-up',
      '<form><input name="email" type="email"><input name="new" type="password" autocomplete="new-password"><input name="again" type="password" autocomplete="new-password"></form>',
      { email: 'bo@acme.test', new: 'n3w', again: 'n3w' },
      { login: 'bo@acme.test', password: null, newPassword: 'n3w' },
    ],
    [
      'a change of password',
      '<form><input name="current" type="password"><input name="new" type="password"><input name="again" type="password"></form>',
      { current: 'old', new: 'n3w', again: 'n3w' },
      { login: null, password: 'old', newPassword: 'n3w' },
    ],
    ['inputs without a form', '<input name="user" autocomplete="username"><input name="pw" type="password">', { user: 'ana', pw: 'secret' }, { login: 'ana', password: 'secret', newPassword: null }],
  ])('reads %s', (_case, markup, values, expected) => {
    expect(sent(markup, values)).toEqual(expected);
  });

  it.each([
    ['a search', '<form><input name="q" type="search"></form>', { q: 'shoes' }],
    ['a newsletter', '<form id="newsletter"><input name="email" type="email"><button>Subscribe</button></form>', { email: 'ana@acme.test' }],
    ['a payment', '<form><input name="cardnumber" autocomplete="cc-number"><input name="pw" type="password"></form>', { cardnumber: '4111', pw: 'x' }],
    ['a change of password whose repeat differs', '<form><input name="current" type="password"><input name="new" type="password"><input name="again" type="password"></form>', { current: 'old', new: 'n3w', again: 'typo' }],
    ['an empty form', '<form><input name="email" type="email"><input name="pw" type="password"></form>', {}],
  ])('sends no login from %s', (_case, markup, values) => {
    expect(sent(markup, values)).toBeNull();
  });
});
