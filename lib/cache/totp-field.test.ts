import { describe, expect, it } from 'vitest';
import { TotpFieldError } from './errors';
import { parseTotpField } from './totp-field';

// What people paste into a TOTP field, and what the popup computes codes from.

describe('TOTP fields', () => {
  it.each([
    ['a base32 secret', 'JBSWY3DPEHPK3PXP', { secret: 'JBSWY3DPEHPK3PXP' }],
    ['lowercase, in groups, with padding', ' jbsw y3dp-ehpk 3pxp== ', { secret: 'JBSWY3DPEHPK3PXP' }],
    ['an otpauth link with defaults', 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme', { secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30, algorithm: 'SHA1' }],
    ['an otpauth link with its own parameters', 'OTPAUTH://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8&period=60&algorithm=SHA512', { secret: 'JBSWY3DPEHPK3PXP', digits: 8, period: 60, algorithm: 'SHA512' }],
  ])('reads %s', (_what, value, expected) => {
    expect(parseTotpField(value)).toEqual(expected);
  });

  it.each([
    ['text that is not base32', 'my code is 123456'],
    ['an empty field', '   '],
    ['a counter-based (HOTP) link', 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3'],
    ['a broken link', 'otpauth://totp/x?digits=6'],
  ])('refuses %s', (_what, value) => {
    expect(() => parseTotpField(value)).toThrow(TotpFieldError);
  });
});
