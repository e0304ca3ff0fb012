import type { KdfParams } from '../../lib/crypto/kdf';
import type { SealedPrivateKey } from '../../lib/crypto/user-keys';
import type { Kysely } from 'kysely';
import { sortedPermissions } from '../../lib/contract/permissions';
import { permissionsOf } from '../auth/permissions';
import type { Tables, UsersTable } from '../db/tables';
import { requireMasterKeyHash } from '../auth/roles';
import { ApiError } from '../http/errors';
import type { organisationRepository } from '../organisation/organisation.repository';
import type { Sealer } from '../sealing/sealer';
import type { usersRepository } from './users.repository';

export interface UsersDeps {
  db: Kysely<Tables>;
  users: ReturnType<typeof usersRepository>;
  organisation: ReturnType<typeof organisationRepository>;
  sealer: Sealer;
  /** The organisation's KDF target (app settings). */
  kdfTarget(): Promise<number>;
}

const DECOY_ITERATIONS = 600_000;

/** Reads of the user's own account and of members' public keys. */
export function usersService(deps: UsersDeps) {
  async function user(id: string): Promise<UsersTable> {
    const row = await deps.users.byId(id);
    if (!row) throw new ApiError('notFound', { detail: `no user ${id}` });
    return row;
  }

  return {
    /**
     * The KDF record for `login`. An unknown login gets a decoy that is stable per login and per
     * server key, so this endpoint does not tell which logins exist. A machine account has no master
     * key: its login gets a decoy too.
     */
    async masterKeyOptions(login: string): Promise<{ kdf: KdfParams }> {
      const row = await deps.users.byLogin(login);
      if (row && row.kind === 'person') return { kdf: JSON.parse(row.kdf) as KdfParams };
      const salt = deps.sealer.pseudoRandom(login, 'kdf-decoy').toString('base64url');
      return { kdf: { version: 1, algorithm: 'pbkdf2-sha256', iterations: DECOY_ITERATIONS, salt } };
    },

    async me(id: string) {
      const [row, organisation] = await Promise.all([user(id), deps.organisation.get()]);
      if (!organisation) throw new ApiError('notFound', { detail: 'no organisation' });
      return {
        id: row.id,
        login: row.login,
        role: row.role as 'owner' | 'administrator' | 'member' | 'pending',
        organisationId: organisation.id,
        organisationKey: JSON.parse(organisation.signing_key) as { alg: string; spki: string },
        organisationFingerprint: organisation.fingerprint,
        certificate: row.certificate ? (JSON.parse(row.certificate) as never) : null,
        mfa: row.totp_secret !== null,
        roleId: row.role_id,
        permissions: sortedPermissions(await permissionsOf(deps.db, row)),
      };
    },

    /**
     * The sealed private keys, only for the right master key hash (the unlock check), and
     * `kdfUpgrade` when the record is weaker than the organisation's target: the client, which has
     * the password at hand, re-derives and sends PUT users/me/master-key.
     */
    async keys(id: string, masterKeyHash: string | undefined) {
      const row = await user(id);
      requireMasterKeyHash(deps.sealer, row, masterKeyHash);
      const sealed = JSON.parse(deps.sealer.open(row.sealed_private_keys, { table: 'users', column: 'sealed_private_keys', rowId: row.id }).toString()) as { encryption: SealedPrivateKey; signing: SealedPrivateKey };
      const kdf = JSON.parse(row.kdf) as KdfParams;
      const target = await deps.kdfTarget();
      return { kdf, encryptionKey: sealed.encryption, signingKey: sealed.signing, kdfUpgrade: kdf.iterations < target ? { iterations: target } : null };
    },

    async publicKey(id: string) {
      const row = await user(id);
      return {
        id: row.id,
        login: row.login,
        encryptionKey: JSON.parse(row.encryption_key) as { alg: string; spki: string },
        signingKey: JSON.parse(row.signing_key) as { alg: string; spki: string },
        certificate: row.certificate ? (JSON.parse(row.certificate) as never) : null,
      };
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
