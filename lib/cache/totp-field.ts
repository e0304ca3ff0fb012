import { Secret, TOTP, URI } from 'otpauth';
import type { TotpParams } from '../vault/totp';
import { TotpFieldError } from './errors';

// A TOTP field's value is what people paste from a service's setup page: either the bare base32
// secret (often lowercase, in groups of four) or the otpauth:// URI of its QR code, which may also
// set the digits, period and algorithm. Both become the TotpParams lib/vault/totp.ts computes with.

const ALGORITHMS: readonly TotpParams['algorithm'][] = ['SHA1', 'SHA256', 'SHA512'];

function fromUri(value: string): TotpParams {
  let parsed: ReturnType<typeof URI.parse>;
  try {
    parsed = URI.parse(value);
  } catch {
    throw new TotpFieldError('the otpauth:// link is malformed');
  }
  if (!(parsed instanceof TOTP)) throw new TotpFieldError('the otpauth:// link is for counter-based (HOTP) codes');
  const algorithm = parsed.algorithm as TotpParams['algorithm'];
  if (!ALGORITHMS.includes(algorithm)) throw new TotpFieldError(`the algorithm ${parsed.algorithm} is not supported`);
  return { secret: parsed.secret.base32, digits: parsed.digits, period: parsed.period, algorithm };
}

function fromSecret(value: string): TotpParams {
  const compact = value.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  try {
    if (compact === '' || Secret.fromBase32(compact).bytes.length === 0) throw new Error('empty');
  } catch {
    throw new TotpFieldError('the secret is not base32');
  }
  return { secret: compact };
}

/** The TOTP parameters in a TOTP field's value; throws TotpFieldError otherwise. */
export function parseTotpField(value: string): TotpParams {
  const trimmed = value.trim();
  return /^otpauth:\/\//i.test(trimmed) ? fromUri(trimmed) : fromSecret(trimmed);
}
