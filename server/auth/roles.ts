import type { UsersTable } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';

/** Throws 403 `forbidden` unless the user administers the organisation. */
export function requireAdministrator(user: UsersTable): void {
  if (user.role !== 'owner' && user.role !== 'administrator') throw new ApiError('forbidden', { detail: 'administrators only' });
}

/**
 * Throws 403 `masterKeyHashMismatch` unless `masterKeyHash` is the user's: a client unlocked with
 * another master key must not read keys or write encrypted data nobody could decrypt.
 */
export function requireMasterKeyHash(sealer: Sealer, user: Pick<UsersTable, 'master_key_hash_mac'>, masterKeyHash: string | undefined): void {
  if (!masterKeyHash || !sealer.verifyMac(user.master_key_hash_mac, masterKeyHash, 'master-key-hash')) throw new ApiError('masterKeyHashMismatch');
}

/** The master key hash a request presents: `Passwork-MasterKeyHash`, or the `X-Master-Key-Hash` alias. */
export function presentedMasterKeyHash(headers: { 'passwork-masterkeyhash'?: string | undefined; 'x-master-key-hash'?: string | undefined }): string | undefined {
  return headers['passwork-masterkeyhash'] ?? headers['x-master-key-hash'];
}
