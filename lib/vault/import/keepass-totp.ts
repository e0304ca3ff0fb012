import { Secret } from 'otpauth';

// Where KeePass-family apps keep a TOTP among an entry's strings (docs/import.md "KeePass 2 XML"):
// KeePassXC and KeePass2Android write an otpauth URI under "otp"; KeePass 2.47+ writes the secret
// under "TimeOtp-Secret-*" with optional length, period and algorithm beside it; KeePassXC before
// 2.6 wrote "TOTP Seed" and "TOTP Settings" ("period;digits").
const SECRET_KEYS = ['TimeOtp-Secret-Base32', 'TimeOtp-Secret-Hex', 'TimeOtp-Secret-Base64', 'TimeOtp-Secret'];
const ALGORITHMS: Record<string, string> = { 'HMAC-SHA-1': 'SHA1', 'HMAC-SHA-256': 'SHA256', 'HMAC-SHA-512': 'SHA512' };

/** Every string key the TOTP is read from: they become the entry's TOTP, not custom fields. */
export const TOTP_KEYS = new Set(['otp', 'TOTP Seed', 'TOTP Settings', ...SECRET_KEYS, 'TimeOtp-Length', 'TimeOtp-Period', 'TimeOtp-Algorithm']);

/** The entry's TOTP as an otpauth URI or bare base32 secret, '' when it has none. */
export function keepassTotp(strings: Map<string, string>, name: string): string {
  const uri = strings.get('otp')?.trim();
  if (uri) return uri;
  const timeOtp = timeOtpSecret(strings);
  if (timeOtp) return withParameters(timeOtp, name, strings.get('TimeOtp-Length'), strings.get('TimeOtp-Period'), ALGORITHMS[strings.get('TimeOtp-Algorithm') ?? '']);
  const seed = strings.get('TOTP Seed')?.replace(/\s/g, '');
  if (!seed) return '';
  const [period, digits] = (strings.get('TOTP Settings') ?? '').split(';');
  return withParameters(seed, name, digits, period, undefined);
}

// KeePass 2 lets the secret be typed as base32, hex, base64 or plain UTF-8; Keyhold stores base32.
function timeOtpSecret(strings: Map<string, string>): string {
  const base32 = strings.get('TimeOtp-Secret-Base32')?.replace(/\s/g, '');
  if (base32) return base32.toUpperCase();
  const hex = strings.get('TimeOtp-Secret-Hex')?.replace(/\s/g, '');
  if (hex) return Secret.fromHex(hex).base32;
  const base64 = strings.get('TimeOtp-Secret-Base64')?.replace(/\s/g, '');
  if (base64) return new Secret({ buffer: Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)).buffer }).base32;
  const utf8 = strings.get('TimeOtp-Secret');
  return utf8 ? Secret.fromUTF8(utf8).base32 : '';
}

// A bare secret means the defaults every authenticator assumes (6 digits, 30 s, SHA-1); anything
// else has to travel in an otpauth URI.
function withParameters(secret: string, name: string, digits: string | undefined, period: string | undefined, algorithm: string | undefined): string {
  const parameters = new URLSearchParams({ secret });
  if (digits && digits.trim() !== '6') parameters.set('digits', digits.trim());
  if (period && period.trim() !== '30') parameters.set('period', period.trim());
  if (algorithm && algorithm !== 'SHA1') parameters.set('algorithm', algorithm);
  if ([...parameters.keys()].length === 1) return secret;
  return `otpauth://totp/${encodeURIComponent(name)}?${parameters.toString()}`;
}
