// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { codeTargets, findCodeFields } from './one-time-code';

// Where a one-time code goes, from the markup: one box, or one digit per box.

afterEach(() => {
  document.body.replaceChildren();
});

function place(markup: string, code = '123456'): string[] | null {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
  const fields = findCodeFields([...document.querySelectorAll('input')]);
  return fields ? codeTargets(fields, code).map(({ input, value }) => `${input.name}=${value}`) : null;
}

describe('findCodeFields', () => {
  it.each([
    ['autocomplete="one-time-code"', '<input name="code" autocomplete="one-time-code">', ['code=123456']],
    ['a short numeric box named for the code', '<input name="otp" inputmode="numeric" maxlength="6">', ['otp=123456']],
    ['a 2FA box', '<label>Two-factor code <input name="twofa_token" maxlength="8"></label>', ['twofa_token=123456']],
    ['a camelCase name', '<input name="otpCode" inputmode="numeric">', ['otpCode=123456']],
    ['the marked box over a row of one-digit boxes', '<input name="code" autocomplete="one-time-code"><div>' + [1, 2, 3, 4].map((n) => `<input name="d${n}" maxlength="1">`).join('') + '</div>', ['code=123456']],
    ['six one-digit boxes', '<div>' + [1, 2, 3, 4, 5, 6].map((n) => `<input name="d${n}" maxlength="1">`).join('') + '</div>', ['d1=1', 'd2=2', 'd3=3', 'd4=4', 'd5=5', 'd6=6']],
    ['six boxes, each in its own wrapper', '<div>' + [1, 2, 3, 4, 5, 6].map((n) => `<span><input name="d${n}" maxlength="1"></span>`).join('') + '</div>', ['d1=1', 'd2=2', 'd3=3', 'd4=4', 'd5=5', 'd6=6']],
  ] as const)('%s', (_, markup, expected) => {
    expect(place(markup)).toEqual(expected);
  });

  it('fills nothing into split boxes of another length than the code', () => {
    expect(place('<div>' + [1, 2, 3, 4].map((n) => `<input name="d${n}" maxlength="1">`).join('') + '</div>')).toEqual([]);
  });

  it.each([
    ['a login box', '<input name="email" type="email"><input name="pw" type="password">'],
    ['a search box', '<input name="q" type="search">'],
    ['a postcode', '<input name="postcode" maxlength="8">'],
    ['a discount code', '<input name="discount_code" maxlength="8">'],
    ['a card security code', '<input name="securityCode" autocomplete="cc-csc" maxlength="4">'],
    ['a passcode box', '<input name="passcode" maxlength="6" inputmode="numeric">'],
    ['a hidden code box', '<input name="code" autocomplete="one-time-code" hidden>'],
    ['two lone one-character boxes', '<input name="a" maxlength="1"><input name="b" maxlength="1">'],
  ])('finds none in %s', (_, markup) => {
    expect(place(markup)).toBeNull();
  });
});
