import { toHex, utf8 } from './bytes';
import { sha256 } from './primitives';

// Shared by share links (link-keys.ts) and machine access keys (access-keys.ts): both hand the
// server a bearer token it must recognise but must not be able to present itself. The tokens are
// HKDF outputs of 256-bit random secrets, so an unsalted fast hash suffices (there is nothing to
// guess), and a leaked database yields no token to replay.

/** Lowercase hex SHA-256 of the token's UTF-8: the only form of a token the server stores. */
export async function hashAccessToken(token: string): Promise<string> {
  return toHex(await sha256(utf8(token)));
}
