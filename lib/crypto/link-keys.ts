import { fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { MalformedError } from './errors';
import { hkdfSha256Many, type Bytes } from './primitives';

// A share link's 256-bit secret lives only in the URL fragment, which browsers never send to the
// server. HKDF splits it into the key that encrypts the shared data and a separate access token
// the server checks (storing only hashAccessToken(token), see token-hash.ts), so nothing the server
// holds or sees opens the data. Spec: docs/cryptography.md.

const SECRET_LENGTH = 32;
const EMPTY = new Uint8Array(0);
const ENCRYPTION_INFO = utf8('keyhold/v1/link/encryption-key');
const TOKEN_INFO = utf8('keyhold/v1/link/access-token');
// Exactly one spelling: no "&other=…", no percent-escapes, no padding. A lenient parser
// (URLSearchParams) would accept several spellings of one secret and turn "+" into a space.
const FRAGMENT = /^#?k=([A-Za-z0-9_-]{43})$/;

/** A fresh 32-byte link secret from the CSPRNG. */
export function createLinkSecret(): Bytes {
  return randomBytes(SECRET_LENGTH);
}

/** The link's encryption key (raw, for deriveSymmetricKey) and its base64url access token; RangeError unless 32 bytes. */
export async function deriveLinkKeys(secret: Bytes): Promise<{ encryptionKey: Bytes; accessToken: string }> {
  if (secret.length !== SECRET_LENGTH) throw new RangeError('link secrets are 32 bytes');
  const [encryptionKey, token] = await hkdfSha256Many(secret, EMPTY, [ENCRYPTION_INFO, TOKEN_INFO], 32);
  return { encryptionKey: encryptionKey!, accessToken: toBase64Url(token!) };
}

/** The fragment of a share link, `k=<base64url secret>` (without "#"); RangeError unless 32 bytes. */
export function formatLinkFragment(secret: Bytes): string {
  if (secret.length !== SECRET_LENGTH) throw new RangeError('link secrets are 32 bytes');
  return `k=${toBase64Url(secret)}`;
}

/** The 32-byte secret in a share link's fragment (with or without "#"); throws MalformedError otherwise. */
export function parseLinkFragment(fragment: string): Bytes {
  const match = FRAGMENT.exec(fragment);
  if (!match) throw new MalformedError('share link');
  // The regex fixes length and alphabet; fromBase64Url also refuses non-zero trailing bits.
  return fromBase64Url(match[1]!, 'share link');
}
