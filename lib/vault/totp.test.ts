import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode, totpStep, totpUri } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII "12345678901234567890", 8 digits, 30 s steps.
const rfcSecret = Secret.fromUTF8('12345678901234567890').base32;

describe('TOTP', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('RFC 6238 vector at T=%d is %s', (seconds, code) => {
    expect(totpCode({ secret: rfcSecret, digits: 8 }, seconds * 1000)).toBe(code);
  });

  it('accepts a code one step either side, and names the step it belongs to', () => {
    const params = { secret: newTotpSecret() };
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(params, totpCode(params, now), now)).toBe(step);
    expect(totpStep(params, totpCode(params, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(params, totpCode(params, now - 90_000), now)).toBeNull();
    expect(totpStep(params, 'abcdef', now)).toBeNull();
  });

  it('makes an otpauth URI authenticator apps accept', () => {
    expect(totpUri({ secret: 'JBSWY3DPEHPK3PXP' }, 'Keyhold', 'alice@acme.test')).toBe('otpauth://totp/Keyhold:alice%40acme.test?issuer=Keyhold&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30');
  });
});
