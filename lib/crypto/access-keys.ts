import { fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { AccessKeyFormatError } from './errors';
import { hkdfSha256Many, sha256, type Bytes } from './primitives';

// A machine access key, as a CI job holds it in KEYHOLD_ACCESS_KEY:
//   khak1.<id: base64url of 16 bytes>.<secret: base64url of 32 bytes>.<checksum: base64url of 4 bytes>
// The prefix lets secret scanners find leaked keys; the checksum (first 4 bytes of SHA-256 of
// everything before it) tells a mistyped key from a revoked one without asking the server. base64url
// never contains ".", so the fields split unambiguously. From the secret, HKDF derives the token the
// server checks (it stores only its hash) and the wrapping key that opens this access key's copy of
// the machine's private key — never sent anywhere. No PBKDF2: the secret is 256 random bits.

/** Every access key starts with this. */
export const ACCESS_KEY_PREFIX = 'khak1.';
/** Matches a well-formed access key anywhere in a text, for scanners and log redaction. */
export const ACCESS_KEY_PATTERN = /khak1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{6}/g;

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

async function checksum(body: string): Promise<string> {
  return toBase64Url((await sha256(utf8(body))).slice(0, 4));
}

// The id is part of the HKDF info so one secret can never serve two access keys.
async function deriveParts(id: string, secret: Bytes): Promise<AccessKey> {
  const infos = [utf8(`keyhold/v1/access-key/token/${id}`), utf8(`keyhold/v1/access-key/wrapping-key/${id}`)];
  const [token, wrappingKey] = await hkdfSha256Many(secret, EMPTY, infos, 32);
  return { id, token: toBase64Url(token!), wrappingKey: wrappingKey! };
}

/** Builds an access key from its raw id and secret (exported for test vectors). */
export async function accessKeyFromParts(idBytes: Bytes, secret: Bytes): Promise<AccessKey & { text: string }> {
  if (idBytes.length !== 16 || secret.length !== 32) throw new RangeError('access keys have a 16-byte id and a 32-byte secret');
  const body = `${ACCESS_KEY_PREFIX}${toBase64Url(idBytes)}.${toBase64Url(secret)}`;
  return { text: `${body}.${await checksum(body)}`, ...(await deriveParts(toBase64Url(idBytes), secret)) };
}

/** A new random access key; `text` is shown once to the administrator and never stored. */
export async function createAccessKey(): Promise<AccessKey & { text: string }> {
  return accessKeyFromParts(randomBytes(16), randomBytes(32));
}

function decodeField(text: string, length: number): Bytes {
  try {
    const bytes = fromBase64Url(text);
    if (bytes.length === length) return bytes;
  } catch {
    // fall through to the shape error
  }
  throw new AccessKeyFormatError('shape');
}

/** Parses and checks an access key (surrounding whitespace ignored); throws AccessKeyFormatError. */
export async function parseAccessKey(input: string): Promise<AccessKey> {
  const text = input.trim();
  if (!text.startsWith(ACCESS_KEY_PREFIX)) throw new AccessKeyFormatError('prefix');
  const fields = text.slice(ACCESS_KEY_PREFIX.length).split('.');
  if (fields.length !== 3) throw new AccessKeyFormatError('shape');
  const [id, secretText, given] = fields as [string, string, string];
  decodeField(id, 16);
  const secret = decodeField(secretText, 32);
  decodeField(given, 4);
  if (given !== (await checksum(`${ACCESS_KEY_PREFIX}${id}.${secretText}`))) throw new AccessKeyFormatError('checksum');
  return deriveParts(id, secret);
}

