import { toHex, utf8 } from './bytes';
import { sha256 } from './primitives';

/**
 * What the server stores for a bearer secret it must recognise but never know (share-link access
 * tokens, machine access tokens): lowercase hex SHA-256 of the token's UTF-8. The tokens are 256-bit
 * random values, so an unsalted fast hash is enough: there is nothing to guess.
 */
export async function hashAccessToken(token: string): Promise<string> {
  return toHex(await sha256(utf8(token)));
}
