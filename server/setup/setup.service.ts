import { hash as argon2Hash, argon2id } from 'argon2';
import type { Kysely } from 'kysely';
import type { SetupRequest } from '../../lib/contract/setup';
import { checkPassword } from '../../lib/vault/password-policy';
import type { Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { organisationRepository } from '../organisation/organisation.repository';
import type { Sealer } from '../sealing/sealer';
import type { AppSettingsService } from '../settings/app-settings.service';
import { settingsRepository } from '../settings/settings.repository';
import { usersRepository } from '../users/users.repository';
import { checkSetupKeys } from './setup-keys';
import { clearSetupToken, setupTokenMatches } from './setup-token';

/** What setup needs. */
export interface SetupDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  appSettings: AppSettingsService;
  events: EventsRepository;
  now: () => number;
}

/** Rows for the organisation, its owner and the owner's KEK wrap, sealed where they hold client ciphertext. */
async function rows(request: SetupRequest, fingerprint: string, deps: SetupDeps) {
  const { organisation, owner, organisationKeyWrap: wrap } = request;
  const now = deps.now();
  const wrapRowId = `organisation/${organisation.id}/${owner.id}/1`;
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      signing_key: JSON.stringify(organisation.signingKey),
      fingerprint,
      sealed_private_key: deps.sealer.seal(organisation.encryptedPrivateKey, { table: 'organisation', column: 'sealed_private_key', rowId: organisation.id }),
      created_at: now,
    },
    owner: {
      id: owner.id,
      login: owner.login,
      role: 'owner',
      status: 'active',
      login_password_hash: await argon2Hash(owner.loginPassword, { type: argon2id }),
      kdf: JSON.stringify(owner.kdf),
      master_key_hash_mac: deps.sealer.mac(owner.masterKeyHash, 'master-key-hash'),
      encryption_key: JSON.stringify({ alg: owner.encryptionKey.alg, spki: owner.encryptionKey.spki }),
      signing_key: JSON.stringify({ alg: owner.signingKey.alg, spki: owner.signingKey.spki }),
      sealed_private_keys: deps.sealer.seal(JSON.stringify({ encryption: owner.encryptionKey, signing: owner.signingKey }), { table: 'users', column: 'sealed_private_keys', rowId: owner.id }),
      certificate: JSON.stringify(owner.certificate),
      created_at: now,
      updated_at: now,
      invitation_id: null,
      keys_mac: null,
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      role_id: 'owner',
      kind: 'person',
    },
    wrap: { kind: 'organisation', subject_id: organisation.id, recipient_id: owner.id, key_version: 1, wrap: deps.sealer.seal(JSON.stringify(wrap), { table: 'key_wraps', column: 'wrap', rowId: wrapRowId }), created_at: now },
  };
}

/** The owner's first registration. */
export function setupService(deps: SetupDeps) {
  return {
    async setup(request: SetupRequest, client: { ip: string | null; browserMode: boolean }): Promise<{ organisationId: string; userId: string }> {
      const settings = settingsRepository(deps.db);
      if (await organisationRepository(deps.db).get()) throw new ApiError('alreadySetUp');
      if (!(await setupTokenMatches(settings, request.setupToken))) throw new ApiError('setupTokenInvalid', { field: 'body.setupToken' });
      const policy = await deps.appSettings.passwordPolicy();
      if (checkPassword(policy.loginPassword, request.owner.loginPassword).length > 0) throw new ApiError('weakPassword', { field: 'body.owner.loginPassword' });
      const made = await rows(request, await checkSetupKeys(request), deps);
      await deps.db.transaction().execute(async (trx) => {
        // Inside the transaction: of two concurrent setups, the second finds the first's organisation.
        if (await organisationRepository(trx).get()) throw new ApiError('alreadySetUp');
        await organisationRepository(trx).insert(made.organisation);
        await usersRepository(trx).insert(made.owner);
        await usersRepository(trx).insertKeyWrap(made.wrap);
        await settingsRepository(trx).put('organisation', { id: request.organisation.id });
        await clearSetupToken(settingsRepository(trx));
      });
      await deps.events.append({
        occurredAt: deps.now(),
        type: 'organisation.setup',
        actor: { type: 'user', id: request.owner.id },
        target: { type: 'organisation', id: request.organisation.id },
        vaultId: null,
        ip: client.ip,
        browserMode: client.browserMode,
        details: {},
      });
      return { organisationId: request.organisation.id, userId: request.owner.id };
    },
  };
}

export type SetupService = ReturnType<typeof setupService>;
