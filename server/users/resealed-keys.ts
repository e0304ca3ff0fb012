import type { MasterKeyChange } from '../../lib/contract/master-key';
import { SYMMETRIC_VERSION } from '../../lib/crypto/symmetric';
import type { PublicKeyRecord, SealedPrivateKey } from '../../lib/crypto/user-keys';
import { ApiError } from '../http/errors';

// The server cannot open the re-sealed private keys (zero knowledge), but it refuses what cannot be
// right. A public key other than the one on record would let a buggy client, or whoever holds a
// session and the hash, replace the user's certified keys: members' clients would then wrap vault
// keys to a key the certificate does not name. Ciphertext outside the symmetric format, or the
// stored ciphertext sent back unchanged (still sealed under the old master key), would lock the user
// out of their own keys the moment the new hash is stored.

/** The user's keys as stored: public halves in clear, and the sealed records last sent. */
export interface StoredKeys {
  publicKeys: { encryptionKey: PublicKeyRecord; signingKey: PublicKeyRecord };
  sealed: { encryptionKey: SealedPrivateKey; signingKey: SealedPrivateKey };
}

const SLOTS = ['encryptionKey', 'signingKey'] as const;
const IV_AND_TAG = 16 + 32;
const BLOCK = 16;

/** Whether `text` has the shape of the symmetric format: version byte, IV, whole blocks, tag. */
function looksSealed(text: string): boolean {
  const bytes = Buffer.from(text, 'base64url');
  const blocks = bytes.length - 1 - IV_AND_TAG;
  return bytes[0] === SYMMETRIC_VERSION && blocks >= BLOCK && blocks % BLOCK === 0;
}

/** Throws `invalidKeys` or `validationFailed` (naming the field) unless `change` holds the user's own keys, freshly re-sealed. */
export function checkResealedKeys(stored: StoredKeys, change: MasterKeyChange): void {
  for (const slot of SLOTS) {
    const sent = change[slot];
    const onRecord = stored.publicKeys[slot];
    if (sent.alg !== onRecord.alg || sent.spki !== onRecord.spki) throw new ApiError('invalidKeys', { field: `body.${slot}`, detail: 'not the public key on record' });
    if (!looksSealed(sent.encryptedPkcs8)) throw new ApiError('validationFailed', { field: `body.${slot}.encryptedPkcs8`, detail: 'not in the symmetric format' });
    if (sent.encryptedPkcs8 === stored.sealed[slot].encryptedPkcs8) throw new ApiError('invalidKeys', { field: `body.${slot}.encryptedPkcs8`, detail: 'not re-sealed under the new master key' });
  }
}
