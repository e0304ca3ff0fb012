import type { AccountMaterial } from './opened-vault';
import { SessionError } from './session-error';

/** Public keys as sealed keys and certificates both name them. */
interface NamedKeys {
  encryptionKey: { spki: string };
  signingKey: { spki: string };
}

/**
 * Throws unless `keys` are this account's own public keys: sealed keys or a certificate the server
 * sends for the account must never name other keys, however genuine.
 */
export function checkSameKeys(keys: NamedKeys, material: AccountMaterial, what: string): void {
  const mine = material.sealedKeys;
  if (keys.encryptionKey.spki !== mine.encryptionKey.spki || keys.signingKey.spki !== mine.signingKey.spki) throw new SessionError('tampered', `The server sent ${what} for keys that are not this account’s.`);
}
