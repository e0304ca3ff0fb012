import { Secret, TOTP } from 'otpauth';

// TOTP (RFC 6238) for the login second factor, and later for entries' one-time codes. A code is
// accepted one step either side of now (clock drift); `step` lets callers refuse a replayed code.

/** A TOTP configuration: base32 secret and the usual parameters. */
export interface TotpParams {
  secret: string;
  digits?: number;
  period?: number;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
}

function totp(params: TotpParams): TOTP {
  return new TOTP({ secret: Secret.fromBase32(params.secret), digits: params.digits ?? 6, period: params.period ?? 30, algorithm: params.algorithm ?? 'SHA1' });
}

/** A new random 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code for `timestamp` (ms). */
export function totpCode(params: TotpParams, timestamp = Date.now()): string {
  return totp(params).generate({ timestamp });
}

/** The time step a valid `code` belongs to (within ±1 step of `timestamp`), or null. */
export function totpStep(params: TotpParams, code: string, timestamp = Date.now()): number | null {
  if (!/^\d{6,8}$/.test(code)) return null;
  const delta = totp(params).validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / 1000 / (params.period ?? 30)) + delta;
}

/** The `otpauth://` URI authenticator apps scan. */
export function totpUri(params: TotpParams, issuer: string, label: string): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(params.secret), digits: params.digits ?? 6, period: params.period ?? 30, algorithm: params.algorithm ?? 'SHA1' }).toString();
}
