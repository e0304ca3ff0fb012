import { hash as argon2Hash, argon2id } from 'argon2';
import type { PublicKeyRecord } from '../../lib/crypto/user-keys';
import type { Kysely, Transaction } from 'kysely';
import { checkPassword } from '../../lib/vault/password-policy';
import { usersWithEntries } from '../access/access-changes';
import { requireAdministrator, requireMasterKeyHash } from '../auth/roles';
import type { InvitationsTable, Tables, UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { organisationRepository } from '../organisation/organisation.repository';
import type { Sealer } from '../sealing/sealer';
import type { ClientInfo, SessionsService } from '../sessions/sessions.service';
import type { AppSettingsService } from '../settings/app-settings.service';
import { usersRepository } from '../users/users.repository';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import { keysPlace, publicPart, secretPlace, type Registration } from '../invitations/invitations.service';
import { recoveryRepository } from './recovery.repository';

export interface RecoveryDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  sessions: Pick<SessionsService, 'revokeAll'>;
  appSettings: Pick<AppSettingsService, 'passwordPolicy'>;
  events: EventsRepository;
  now: () => number;
}

/** What the recovering client sends: a newcomer's registration for the same account (no new id), MACed with the link's secret, and the token proving it. */
export type NewKeys = Omit<Registration, 'userId'> & { acceptToken: string };

const TOKEN_PURPOSE = 'recovery-accept-token';

/**
 * Account recovery (docs/access-control.md, "Account recovery"). Who may recover whom follows user
 * administration: never oneself, never the owner (whose keys alone hold the organisation key), and
 * an administrator only by the owner.
 */
export function recoveryService(deps: RecoveryDeps) {
  const users = usersRepository(deps.db);
  const recoveries = recoveryRepository(deps.db);

  const record = (type: string, actorId: string, target: { type: string; id: string }, client: ClientInfo, details: Record<string, unknown>, vaultId: string | null = null) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target, vaultId, ip: client.ip, browserMode: client.browserMode, details });

  async function subjects(actorId: string, targetId: string, masterKeyHash: string | undefined): Promise<{ actor: UsersTable; target: UsersTable; role: string }> {
    const actor = await users.byId(actorId);
    if (!actor) throw new ApiError('unauthenticated');
    requireAdministrator(actor);
    requireMasterKeyHash(deps.sealer, actor, masterKeyHash);
    const target = await users.byId(targetId);
    // A machine has no master password to forget: an administrator issues it a new access key instead.
    if (!target || target.kind === 'machine') throw new ApiError('notFound', { field: 'param.id', detail: 'no such user' });
    if (target.id === actor.id) throw new ApiError('forbidden', { field: 'param.id', detail: 'nobody recovers their own account' });
    if (target.role === 'owner') throw new ApiError('forbidden', { field: 'param.id', detail: 'the owner’s keys hold the organisation key: nobody recovers the owner' });
    if (target.status === 'suspended') throw new ApiError('conflict', { field: 'param.id', detail: 'reactivate the account before recovering it' });
    // Someone who lost the new password too before being certified again may be recovered again, to the role they had.
    const previous = !target.certificate && target.invitation_id ? await recoveries.byId(target.invitation_id) : undefined;
    if (!target.certificate && !previous) throw new ApiError('conflict', { field: 'param.id', detail: 'the account was never certified: invite its user again instead' });
    const role = target.certificate ? target.role : previous!.role;
    if (role === 'administrator' && actor.role !== 'owner') throw new ApiError('forbidden', { field: 'param.id', detail: 'only the owner recovers an administrator' });
    return { actor, target, role };
  }

  async function openRecovery(id: string): Promise<InvitationsTable & { user_id: string }> {
    const row = await recoveries.byId(id);
    if (!row || row.user_id === null || row.accepted_by !== null || row.expires_at <= deps.now()) throw new ApiError('notFound', { detail: 'no such open recovery' });
    return row as InvitationsTable & { user_id: string };
  }

  /**
   * The vaults the old keys alone opened that go with them: a private vault nobody else holds a
   * key of. A company vault always has other holders (its administrators); a private vault shared
   * with someone who holds its key stays, and its key comes back from a vault administrator.
   */
  async function lostVaults(trx: Transaction<Tables>, userId: string): Promise<{ deleted: string[]; unreadable: string[] }> {
    const repository = recoveryRepository(trx);
    const deleted: string[] = [];
    const unreadable: string[] = [];
    for (const vault of await repository.heldVaults(userId)) {
      if (await repository.someoneElseHolds(vault.id, userId)) continue;
      (vault.kind === 'private' ? deleted : unreadable).push(vault.id);
    }
    return { deleted, unreadable };
  }

  return {
    /** A recovery link for `targetId`; the account changes only when the link is used. An older open link of theirs stops working. */
    async start(actorId: string, masterKeyHash: string | undefined, targetId: string, input: { id: string; encryptedSecret: string; acceptToken: string; expiresInHours: number }, client: ClientInfo) {
      const { actor, target, role } = await subjects(actorId, targetId, masterKeyHash);
      if (await recoveries.idTaken(input.id)) throw new ApiError('conflict', { field: 'body.id' });
      const now = deps.now();
      const row: InvitationsTable = {
        id: input.id,
        role,
        created_by: actor.id,
        created_at: now,
        expires_at: now + input.expiresInHours * 3600_000,
        encrypted_secret: deps.sealer.seal(input.encryptedSecret, secretPlace(input.id)),
        accepted_by: null,
        accepted_at: null,
        purpose: 'recovery',
        user_id: target.id,
        token_mac: deps.sealer.mac(input.acceptToken, TOKEN_PURPOSE),
      };
      await deps.db.transaction().execute(async (trx) => {
        await recoveryRepository(trx).expireOpenFor(target.id, now);
        await recoveryRepository(trx).insert(row);
      });
      await record('user.recoveryStarted', actor.id, { type: 'user', id: target.id }, client, { recoveryId: input.id, expiresAt: row.expires_at });
      return { id: row.id, userId: target.id, login: target.login, createdAt: now, expiresAt: row.expires_at };
    },

    async info(id: string) {
      const row = await openRecovery(id);
      const [user, organisation] = await Promise.all([users.byId(row.user_id), organisationRepository(deps.db).get()]);
      if (!user || !organisation) throw new ApiError('notFound', { detail: 'no such open recovery' });
      return { id: row.id, userId: user.id, login: user.login, organisationId: organisation.id, organisationName: organisation.name, organisationKey: JSON.parse(organisation.signing_key) as PublicKeyRecord, expiresAt: row.expires_at };
    },

    /**
     * Puts the new keys on the account, in one transaction: every wrap to the old keys goes (they
     * open nothing now), the private vaults only the old keys opened are deleted, the old
     * certificate is retired (wraps it signed for others still verify); the account waits for a
     * certificate. Then every session ends. Login, rights, groups and second factor stay.
     */
    async accept(id: string, input: NewKeys, client: ClientInfo) {
      const recovery = await openRecovery(id);
      // Only the link's holder: someone who saw the id alone (a request line, a log) changes nothing.
      if (!recovery.token_mac || !deps.sealer.verifyMac(recovery.token_mac, input.acceptToken, TOKEN_PURPOSE)) throw new ApiError('forbidden', { field: 'body.acceptToken', detail: 'not the recovery link’s token' });
      const user = await users.byId(recovery.user_id);
      if (!user) throw new ApiError('notFound', { detail: 'no such open recovery' });
      if (input.login !== user.login) throw new ApiError('validationFailed', { field: 'body.login', detail: 'a recovery keeps the account’s login' });
      if (user.status === 'suspended') throw new ApiError('conflict', { detail: 'the account is suspended' });
      const policy = await deps.appSettings.passwordPolicy();
      if (checkPassword(policy.loginPassword, input.loginPassword).length > 0) throw new ApiError('weakPassword', { field: 'body.loginPassword' });
      const keys = {
        login_password_hash: await argon2Hash(input.loginPassword, { type: argon2id }),
        kdf: JSON.stringify(input.kdf),
        master_key_hash_mac: deps.sealer.mac(input.masterKeyHash, 'master-key-hash'),
        encryption_key: JSON.stringify(publicPart(input.encryptionKey)),
        signing_key: JSON.stringify(publicPart(input.signingKey)),
        sealed_private_keys: deps.sealer.seal(JSON.stringify({ encryption: input.encryptionKey, signing: input.signingKey }), keysPlace(user.id)),
        keys_mac: input.keysMac,
      };
      const now = deps.now();
      const lost = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = recoveryRepository(trx);
        // The role certification gives back: the account's now, or (never certified since an earlier recovery) the one that recovery kept.
        if (!(await repository.accept(id, user.id, user.certificate ? user.role : recovery.role, now))) throw new ApiError('notFound', { detail: 'recovery used meanwhile' });
        const found = await lostVaults(trx, user.id);
        const vaults = vaultsRepository(trx, deps.sealer);
        for (const vaultId of found.deleted) {
          for (const memberId of await usersWithEntries(trx, vaultId)) await vaults.recordRemoval({ changeSeq, kind: 'vault', objectId: vaultId, vaultId: null, userId: memberId });
          await vaults.remove(vaultId);
        }
        await repository.deleteWrapsTo(user.id);
        if (user.certificate) await repository.retireCertificate(user.id, user.certificate, now);
        if (!(await repository.replaceKeys(user.id, id, keys, now))) throw new ApiError('conflict', { detail: 'the account was suspended meanwhile' });
        return found;
      });
      const ended = await deps.sessions.revokeAll(user.id);
      await record('user.recovered', user.id, { type: 'user', id: user.id }, client, { recoveryId: id, startedBy: recovery.created_by, sessionsEnded: ended, deletedVaults: lost.deleted, unreadableVaults: lost.unreadable });
      for (const vaultId of lost.deleted) await record('vault.deleted', user.id, { type: 'vault', id: vaultId }, client, { lostInRecoveryOf: user.id }, vaultId);
      return { userId: user.id, deletedVaults: lost.deleted };
    },

    /** The certificates recoveries replaced, for verifying wraps signed before (sync). */
    async retiredCertificates(userIds: readonly string[]) {
      return recoveries.retiredCertificates(userIds);
    },
  };
}

export type RecoveryService = ReturnType<typeof recoveryService>;
