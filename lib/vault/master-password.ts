import type { KdfTarget, PasswordRules } from '../contract/app-settings';
import type { MasterKeyChange } from '../contract/master-key';
import { fromBase64Url } from '../crypto/bytes';
import { checkKdfParams, deriveMasterKey, newKdfParams, type KdfParams, type MasterKey } from '../crypto/kdf';
import { decryptBytes } from '../crypto/symmetric';
import { openUserKeys, privateKeyContext, sealPrivateKey, type SealedPrivateKey } from '../crypto/user-keys';
import { PasswordChoiceError } from './owner-setup';
import { checkPassword } from './password-policy';

// Changing the master password and upgrading its KDF are one operation: derive a new master key
// (fresh salt, chosen here so a server cannot pick it), re-seal the same private keys under it with
// the same contexts, and send PUT /api/v1/users/me/master-key with the current hash. The key pairs,
// and so the certificate and every vault key wrapped to them, stay as they are.

/** A user's two sealed private keys, as GET /api/v1/users/keys serves them. */
export interface SealedUserKeys {
  encryption: SealedPrivateKey;
  signing: SealedPrivateKey;
}

export interface MasterPasswordChangeInput {
  userId: string;
  /** The master key the client is unlocked with now. */
  currentMaster: MasterKey;
  sealedKeys: SealedUserKeys;
  /** The new master password; for a KDF upgrade, the current one again. */
  newPassword: string;
  /** The new KDF record (`nextKdfParams` or `kdfUpgradeParams`). */
  kdf: KdfParams;
  /** The master-password rules (GET /app/settings) for a password the user chose; left out for a KDF upgrade, whose password may predate them. */
  rules?: PasswordRules;
}

/** Decrypts one private key's PKCS#8 with the current master key and seals it under the new one, bound to the same context. */
async function reseal(current: MasterKey, next: MasterKey, userId: string, sealed: SealedPrivateKey): Promise<SealedPrivateKey> {
  const spki = fromBase64Url(sealed.spki, 'public key');
  const pkcs8 = await decryptBytes(current.key, await privateKeyContext(userId, sealed.alg, spki), fromBase64Url(sealed.encryptedPkcs8, 'private key'));
  return sealPrivateKey(next.key, userId, sealed.alg, spki, pkcs8);
}

/**
 * The body of PUT /api/v1/users/me/master-key and the new master key to hold once it succeeds.
 * Throws PasswordChoiceError for a new password against `rules`, KdfParametersError for a record
 * clients refuse, and AuthenticationError when `currentMaster` does not open the keys.
 */
export async function prepareMasterPasswordChange(input: MasterPasswordChangeInput): Promise<{ body: MasterKeyChange; master: MasterKey }> {
  const violations = input.rules ? checkPassword(input.rules, input.newPassword) : [];
  if (violations.length > 0) throw new PasswordChoiceError('masterPassword', violations);
  const kdf = checkKdfParams(input.kdf);
  // Opening (and importing) both keys first proves the current master key and the slots are right
  // before the slow derivation, and that what gets re-sealed is a usable key.
  await openUserKeys(input.currentMaster.key, input.userId, input.sealedKeys);
  const master = await deriveMasterKey(input.newPassword, kdf);
  const [encryptionKey, signingKey] = await Promise.all([
    reseal(input.currentMaster, master, input.userId, input.sealedKeys.encryption),
    reseal(input.currentMaster, master, input.userId, input.sealedKeys.signing),
  ]);
  return { body: { kdf, masterKeyHash: master.hash, encryptionKey, signingKey }, master };
}

/**
 * A KDF record for a new master password: a fresh salt, and as many iterations as the current
 * record or the server's upgrade request, whichever is more. Throws KdfParametersError beyond the
 * client's ceiling.
 */
export function nextKdfParams(current: KdfParams, upgrade: KdfTarget | null): KdfParams {
  return newKdfParams(Math.max(current.iterations, upgrade?.iterations ?? 0));
}

/**
 * The record to upgrade to when GET /users/keys asks for more iterations than `current` has; null
 * when it asks for nothing, or for fewer (never a downgrade). Throws KdfParametersError when it
 * asks for more than KDF_MAX_ITERATIONS: a hostile server must not be able to freeze the client.
 */
export function kdfUpgradeParams(current: KdfParams, upgrade: KdfTarget | null): KdfParams | null {
  if (!upgrade || upgrade.iterations <= current.iterations) return null;
  return newKdfParams(upgrade.iterations);
}
