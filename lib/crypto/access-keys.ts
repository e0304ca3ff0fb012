import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { AccessKeyFormatError } from './errors';
import { hkdfSha256Many, sha256, type Bytes } from './primitives';

// A machine access key, as a CI job holds it in KEYHOLD_ACCESS_KEY:
//   khak1.<id: base64url of 16 bytes>.<secret: base64url of 32 bytes>.<checksum: base64url of 4 bytes>
// The prefix lets secret scanners find leaked keys; the checksum (first 4 bytes of SHA-256 of
// everything before it) tells a mistyped key from a revoked one without asking the server. base64url
// never contains ".", so the fields split unambiguously. From the secret, HKDF derives the token the
// server checks (it stores only hashAccessToken(token)) and the wrapping key that opens this access
// key's copy of the machine's private key, which never leaves the holder. No PBKDF2: the secret is
// already 256 random bits. Spec: docs/cryptography.md.

/** The text every access key starts with. */
export const ACCESS_KEY_PREFIX = 'khak1.';

// A field's last base64url character carries 2 data bits (16- and 4-byte fields) or 4 (32-byte
// field); the rest must be zero, so only [AQgw] or [AEIMQUYcgkosw048] can end a canonical field.
// No lookarounds and no flags, so scanners built on RE2 (gitleaks, GitHub) can reuse it verbatim
// and `.test()` keeps no lastIndex state between calls.
/** Matches a valid-shaped access key anywhere in a text (anchor it for a whole-string check; add "g" to redact all). */
export const ACCESS_KEY_PATTERN = /khak1\.[A-Za-z0-9_-]{21}[AQgw]\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]\.[A-Za-z0-9_-]{5}[AQgw]/;

const ID_LENGTH = 16;
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 4;
const EMPTY = new Uint8Array(0);

/** What a parsed access key gives its holder. */
export interface AccessKey {
  /** Public id (base64url), sent with the token so the server can find the key. */
  id: string;
  /** Sent to the server, which stores only hashAccessToken(token). */
  token: string;
  /** Opens the machine's private-key wrap for this access key; never leaves the holder. */
  wrappingKey: Bytes;
}

/** A newly issued access key with the text shown once to the administrator. */
export interface IssuedAccessKey extends AccessKey {
  text: string;
}

async function checksumOf(body: string): Promise<Bytes> {
  return (await sha256(utf8(body))).slice(0, CHECKSUM_LENGTH);
}

// The id is in the info so a secret is bound to the key it was issued with: the same secret under
// another id (an RNG failure, a hand-edited key) yields an unrelated token and wrapping key. The id
// text is canonical base64url, so it names exactly one 16-byte id.
async function deriveParts(id: string, secret: Bytes): Promise<AccessKey> {
  const infos = [utf8(`keyhold/v1/access-key/token/${id}`), utf8(`keyhold/v1/access-key/wrapping-key/${id}`)];
  const [token, wrappingKey] = await hkdfSha256Many(secret, EMPTY, infos, 32);
  return { id, token: toBase64Url(token!), wrappingKey: wrappingKey! };
}

/** The access key for a given 16-byte id and 32-byte secret (for test vectors; RangeError on other sizes). */
export async function accessKeyFromParts(idBytes: Bytes, secret: Bytes): Promise<IssuedAccessKey> {
  if (idBytes.length !== ID_LENGTH || secret.length !== SECRET_LENGTH) throw new RangeError('access keys have a 16-byte id and a 32-byte secret');
  const body = `${ACCESS_KEY_PREFIX}${toBase64Url(idBytes)}.${toBase64Url(secret)}`;
  const text = `${body}.${toBase64Url(await checksumOf(body))}`;
  return { text, ...(await deriveParts(toBase64Url(idBytes), secret)) };
}

/** A new random access key; its `text` is shown once and never stored. */
export async function createAccessKey(): Promise<IssuedAccessKey> {
  return accessKeyFromParts(randomBytes(ID_LENGTH), randomBytes(SECRET_LENGTH));
}

// Length, alphabet and canonical trailing bits in one check: fromBase64Url refuses the last two.
function decodeField(text: string, length: number): Bytes {
  try {
    const bytes = fromBase64Url(text);
    if (bytes.length === length) return bytes;
  } catch {
    // reported as a shape error below
  }
  throw new AccessKeyFormatError('shape');
}

/** The id, token and wrapping key of an access key (surrounding whitespace ignored); throws AccessKeyFormatError. */
export async function parseAccessKey(input: string): Promise<AccessKey> {
  const text = input.trim();
  if (!text.startsWith(ACCESS_KEY_PREFIX)) throw new AccessKeyFormatError('prefix');
  const fields = text.slice(ACCESS_KEY_PREFIX.length).split('.');
  if (fields.length !== 3) throw new AccessKeyFormatError('shape');
  const [id, secretText, checksumText] = fields as [string, string, string];
  decodeField(id, ID_LENGTH);
  const secret = decodeField(secretText, SECRET_LENGTH);
  const given = decodeField(checksumText, CHECKSUM_LENGTH);
  // The checksum is a hash of the secret, so compare it without a timing side channel.
  if (!constantTimeEqual(given, await checksumOf(`${ACCESS_KEY_PREFIX}${id}.${secretText}`))) throw new AccessKeyFormatError('checksum');
  return deriveParts(id, secret);
}
