// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findLoginFields } from './login-fields';

// Which boxes a fill would use, from the markup alone (visibility is checked at fill time, in a real
// browser: tests/e2e/chromium-autofill.test.ts).

afterEach(() => {
  document.body.replaceChildren();
});

function found(markup: string): [string, string] | null {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
  const fields = findLoginFields(document);
  return fields ? [fields.username?.name ?? '-', fields.password?.name ?? '-'] : null;
}

describe('findLoginFields', () => {
  it.each([
    ['a form with a login and a password', '<form><input name="email" type="email"><input name="pw" type="password"></form>', ['email', 'pw']],
    ['autocomplete="username" wins over a nearer box', '<form><input name="user" autocomplete="username"><input name="nickname"><input name="pw" type="password"></form>', ['user', 'pw']],
    ['a name that says login wins over a plain box', '<form><input name="company"><input name="login_id"><input name="pw" type="password"></form>', ['login_id', 'pw']],
    ['the nearest plain box when nothing says login', '<form><input name="a"><input name="b"><input name="pw" type="password"></form>', ['b', 'pw']],
    ['inputs without a form', '<div><input name="u" placeholder="Username"><input name="p" type="password"></div>', ['u', 'p']],
    ['a password-only page', '<form><input name="pw" type="password" autocomplete="current-password"></form>', ['-', 'pw']],
    ['the login form, not the search box before it', '<form role="search"><input name="q" type="search"></form><form><input name="email" type="email"><input name="pw" type="password"></form>', ['email', 'pw']],
    ['a username-first step', '<form><input name="identifier" autocomplete="username"><button>Next</button></form>', ['identifier', '-']],
    ['not a code box as the login', '<form><input name="otp" inputmode="numeric" aria-label="Code sent to your account email"><input name="pw" type="password"></form>', ['-', 'pw']],
    ['the current password of a change form, not the new one', '<form><input name="old" type="password" autocomplete="current-password"><input name="new" type="password" autocomplete="new-password"></form>', ['-', 'old']],
    ['the shown form, not a hidden header login before it', '<div hidden><form><input name="hu" autocomplete="username"><input name="hp" type="password"></form></div><form><input name="email" type="email"><input name="pw" type="password"></form>', ['email', 'pw']],
    ['the password alone when the page keeps the login in a hidden box', '<form><input name="user" autocomplete="username" hidden><input name="note"><input name="pw" type="password"></form>', ['-', 'pw']],
    ['a form-less password takes its login from form-less boxes only', '<form><p>News</p><input name="news" type="email"><button>Subscribe</button></form><input name="user"><input name="pw" type="password">', ['user', 'pw']],
    ['the sign-in form, not a sign-up form with two password boxes before it', '<form><input name="su" type="email"><input name="a" type="password"><input name="b" type="password"></form><form><input name="email" type="email"><input name="pw" type="password"></form>', ['email', 'pw']],
    ['inputs joined to their form with form="…"', '<form id="f"></form><input form="f" name="email" type="email"><input form="f" name="pw" type="password">', ['email', 'pw']],
  ] as const)('%s', (_, markup, expected) => {
    expect(found(markup)).toEqual(expected);
  });

  it.each([
    ['a search form', '<form role="search"><input name="q" type="search" placeholder="Search"><button>Go</button></form>'],
    ['a newsletter sign-up', '<form><p>Our newsletter</p><input name="email" type="email"><button>Subscribe</button></form>'],
    ['a payment form with a PIN box', '<form><input name="cardnumber" autocomplete="cc-number"><input name="pin" type="password"></form>'],
    ['a sign-up form', '<form><input name="email" type="email"><input name="pw" type="password" autocomplete="new-password"></form>'],
    ['a page of ordinary boxes', '<form><input name="first"><input name="last"></form>'],
  ])('finds no login form in %s', (_, markup) => {
    expect(found(markup)).toBeNull();
  });
});
