import { fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { MalformedError } from './errors';
import { hkdfSha256Many, type Bytes } from './primitives';

// A share link's 256-bit secret lives only in the URL fragment, which browsers never send to the
// server. HKDF splits it into the key that encrypts the shared data and a separate access token
// the server checks (storing only its hash), so what the server holds opens nothing.

const EMPTY = new Uint8Array(0);
const ENCRYPTION_INFO = utf8('keyhold/v1/link/encryption-key');
const TOKEN_INFO = utf8('keyhold/v1/link/access-token');

/** A fresh link secret. */
export function createLinkSecret(): Bytes {
  return randomBytes(32);
}

/** The link's encryption key (for deriveSymmetricKey) and its access token (base64url). */
export async function deriveLinkKeys(secret: Bytes): Promise<{ encryptionKey: Bytes; accessToken: string }> {
  if (secret.length !== 32) throw new RangeError('link secrets are 32 bytes');
  const [encryptionKey, token] = await hkdfSha256Many(secret, EMPTY, [ENCRYPTION_INFO, TOKEN_INFO], 32);
  return { encryptionKey: encryptionKey!, accessToken: toBase64Url(token!) };
}

/** The fragment of a share link: `k=<base64url secret>`. */
export function formatLinkFragment(secret: Bytes): string {
  return `k=${toBase64Url(secret)}`;
}

/** The secret in a share link's fragment (with or without "#"); throws MalformedError otherwise. */
export function parseLinkFragment(fragment: string): Bytes {
  const text = new URLSearchParams(fragment.replace(/^#/, '')).get('k');
  let secret;
  try {
    secret = fromBase64Url(text ?? '');
  } catch {
    throw new MalformedError('share link');
  }
  if (secret.length !== 32) throw new MalformedError('share link');
  return secret;
}
