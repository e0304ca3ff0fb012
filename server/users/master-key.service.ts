import type { Kysely } from 'kysely';
import type { MasterKeyChange } from '../../lib/contract/master-key';
import { CryptoError } from '../../lib/crypto/errors';
import { checkKdfParams, type KdfParams } from '../../lib/crypto/kdf';
import type { PublicKeyRecord, SealedPrivateKey } from '../../lib/crypto/user-keys';
import { requireMasterKeyHash } from '../auth/roles';
import type { Tables, UsersTable } from '../db/tables';
import { eventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { checkResealedKeys, type StoredKeys } from './resealed-keys';
import { usersRepository } from './users.repository';

// A master-password change and a KDF upgrade are the same operation: the client derives a new
// master key, re-seals the same private keys under it and sends the new KDF record and hash. The
// KDF record, the hash MAC and the sealed keys change in one UPDATE, so no reader ever sees a hash
// that does not open the stored keys. Other sessions are not signed out (the login password did
// not change) but still present the old hash: every route that checks it answers
// `masterKeyHashMismatch`, and their clients lock and ask for the master password again.

export interface MasterKeyDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  /** The organisation's KDF target (app settings). */
  kdfTarget(): Promise<number>;
  now: () => number;
}

const keysPlace = (userId: string) => ({ table: 'users', column: 'sealed_private_keys', rowId: userId });

/** Throws `validationFailed` on `body.kdf…` for a record clients would refuse or below the organisation's target. */
function checkKdf(kdf: KdfParams, target: number): void {
  try {
    checkKdfParams(kdf);
  } catch (error) {
    if (error instanceof CryptoError) throw new ApiError('validationFailed', { field: 'body.kdf', detail: error.message });
    throw error;
  }
  // A change may not weaken the record below what the organisation asks of everyone.
  if (kdf.iterations < target) throw new ApiError('validationFailed', { field: 'body.kdf.iterations', detail: `below the organisation's target of ${target}` });
}

/** Changes a user's master key material: the route behind both a master-password change and a KDF upgrade. */
export function masterKeyService(deps: MasterKeyDeps) {
  function storedKeys(row: UsersTable): StoredKeys {
    const sealed = JSON.parse(deps.sealer.open(row.sealed_private_keys, keysPlace(row.id)).toString()) as { encryption: SealedPrivateKey; signing: SealedPrivateKey };
    return {
      publicKeys: { encryptionKey: JSON.parse(row.encryption_key) as PublicKeyRecord, signingKey: JSON.parse(row.signing_key) as PublicKeyRecord },
      sealed: { encryptionKey: sealed.encryption, signingKey: sealed.signing },
    };
  }

  return {
    /**
     * Stores the new KDF record, hash MAC and sealed keys at once, and records `user.masterKeyChanged`.
     * Throws `masterKeyHashMismatch` for a wrong current hash (or a change that landed meanwhile),
     * `validationFailed` for a weak KDF or malformed keys, `invalidKeys` for keys not the user's own.
     */
    async change(userId: string, currentHash: string | undefined, change: MasterKeyChange, client: { ip: string | null; browserMode: boolean }): Promise<void> {
      const row = await usersRepository(deps.db).byId(userId);
      if (!row) throw new ApiError('unauthenticated');
      requireMasterKeyHash(deps.sealer, row, currentHash);
      checkKdf(change.kdf, await deps.kdfTarget());
      checkResealedKeys(storedKeys(row), change);
      const previous = JSON.parse(row.kdf) as KdfParams;
      const now = deps.now();
      const values = {
        kdf: JSON.stringify(change.kdf),
        master_key_hash_mac: deps.sealer.mac(change.masterKeyHash, 'master-key-hash'),
        sealed_private_keys: deps.sealer.seal(JSON.stringify({ encryption: change.encryptionKey, signing: change.signingKey }), keysPlace(userId)),
        updated_at: now,
      };
      const replaced = await deps.db.transaction().execute(async (trx) => {
        if (!(await usersRepository(trx).replaceMasterKey(userId, row.master_key_hash_mac, values))) return false;
        await eventsRepository(trx).append({
          occurredAt: now,
          type: 'user.masterKeyChanged',
          actor: { type: 'user', id: userId },
          target: { type: 'user', id: userId },
          vaultId: null,
          ip: client.ip,
          browserMode: client.browserMode,
          details: { previousIterations: previous.iterations, iterations: change.kdf.iterations },
        });
        return true;
      });
      if (!replaced) throw new ApiError('masterKeyHashMismatch', { detail: 'the master key changed meanwhile' });
    },
  };
}

export type MasterKeyService = ReturnType<typeof masterKeyService>;
