import { hash as argon2Hash, argon2id } from 'argon2';
import type { Kysely } from 'kysely';
import type { AdminUser } from '../../lib/contract/admin-users';
import { checkPassword } from '../../lib/vault/password-policy';
import { usersWithEntries } from '../access/access-changes';
import { accessRowsOf, rightsOf } from '../access/rights.repository';
import { guardLastAdministrator } from '../access/vault-guards';
import { permissionsOf, requireHeld, requirePermission, rolePermissions } from '../auth/permissions';
import type { Tables, UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { ClientInfo, SessionsService } from '../sessions/sessions.service';
import type { AppSettingsService } from '../settings/app-settings.service';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import { mfaRepository } from '../mfa/mfa.repository';
import { entrySharesRepository } from '../entry-shares/entry-shares.repository';
import { usersRepository } from './users.repository';

export interface UserAdminDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  sessions: SessionsService;
  appSettings: Pick<AppSettingsService, 'passwordPolicy'>;
  events: EventsRepository;
  now: () => number;
}

type AdministeredRow = Awaited<ReturnType<ReturnType<typeof usersRepository>['listForAdministration']>>[number];

/** One account as the admin console lists it. */
export function adminUserView(row: AdministeredRow): AdminUser {
  return {
    id: row.id,
    login: row.login,
    role: row.role as AdminUser['role'],
    roleId: row.role_id,
    status: row.status as AdminUser['status'],
    mfa: row.has_totp,
    certificatePending: row.certificate === null && row.invitation_id !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/** The account `userId` as the admin console lists it (404 if there is none). */
export async function adminUserById(users: ReturnType<typeof usersRepository>, userId: string): Promise<AdminUser> {
  const row = (await users.listForAdministration()).find((user) => user.id === userId);
  if (!row) throw new ApiError('notFound', { field: 'param.id', detail: 'no such user' });
  return adminUserView(row);
}

/** The status a suspension ends in: active once certified, pending before. */
const statusAfterSuspension = (user: Pick<UsersTable, 'certificate'>) => (user.certificate ? 'active' : 'pending');

/**
 * The admin console's user administration (the manageUsers permission): the list, suspension,
 * deletion and a new login password. Nobody acts on themselves or on the owner, only the owner acts
 * on administrators, and nobody acts on an account whose role holds a permission they do not.
 */
export function userAdminService(deps: UserAdminDeps) {
  const users = usersRepository(deps.db);

  const record = (type: string, actorId: string, targetId: string, client: ClientInfo, details: Record<string, unknown> = {}) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'user', id: targetId }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details });

  /** The acting account and the account it acts on, once the rules above allow it. */
  async function subjects(actorId: string, targetId: string, action: string, machines = false): Promise<{ actor: UsersTable; target: UsersTable }> {
    const { user: actor, permissions } = await requirePermission(deps.db, actorId, 'manageUsers');
    const target = await users.byId(targetId);
    // Machine accounts have no password or second factor, and their access keys are administered
    // under /machines: of these actions only deletion applies to them.
    if (!target || (target.kind === 'machine' && !machines)) throw new ApiError('notFound', { field: 'param.id', detail: 'no such user' });
    if (target.id === actor.id) throw new ApiError('forbidden', { field: 'param.id', detail: `nobody may ${action} themselves` });
    if (target.role === 'owner') throw new ApiError('forbidden', { field: 'param.id', detail: `nobody may ${action} the owner` });
    if (target.role === 'administrator' && actor.role !== 'owner') throw new ApiError('forbidden', { field: 'param.id', detail: `only the owner may ${action} an administrator` });
    // A Manager must not suspend or reset the password of someone who may do more than they may.
    requireHeld(permissions, await rolePermissions(deps.db, target), 'param.id');
    return { actor, target };
  }

  const view = (userId: string) => adminUserById(users, userId);

  return {
    /** Every account: for holders of manageUsers, and of manageRoles (who give people roles). */
    async list(actorId: string): Promise<AdminUser[]> {
      const actor = await users.byId(actorId);
      if (!actor) throw new ApiError('unauthenticated');
      const permissions = await permissionsOf(deps.db, actor);
      if (!permissions.has('manageUsers') && !permissions.has('manageRoles')) throw new ApiError('forbidden', { detail: 'needs manageUsers or manageRoles' });
      return (await users.listForAdministration()).map(adminUserView);
    },

    /** Suspends the account and ends all its sessions at once; its vault rights stay for reactivation. */
    async suspend(actorId: string, targetId: string, client: ClientInfo): Promise<AdminUser> {
      const { actor, target } = await subjects(actorId, targetId, 'suspend');
      if (target.status !== 'suspended') await users.setStatus(target.id, 'suspended', deps.now());
      // Even when already suspended: a session that raced the first suspension ends too.
      const ended = await deps.sessions.revokeAll(target.id);
      if (target.status !== 'suspended') await record('user.suspended', actor.id, target.id, client, { sessionsEnded: ended });
      return view(target.id);
    },

    async reactivate(actorId: string, targetId: string, client: ClientInfo): Promise<AdminUser> {
      const { actor, target } = await subjects(actorId, targetId, 'reactivate');
      if (target.status === 'suspended') {
        const status = statusAfterSuspension(target);
        await users.setStatus(target.id, status, deps.now());
        await record('user.reactivated', actor.id, target.id, client, { status });
      }
      return view(target.id);
    },

    /** A new login password (the server-verified one); every session ends. Keys and the master password are untouched. */
    async resetLoginPassword(actorId: string, targetId: string, password: string, client: ClientInfo): Promise<void> {
      const { actor, target } = await subjects(actorId, targetId, 'reset the login password of');
      const policy = await deps.appSettings.passwordPolicy();
      if (checkPassword(policy.loginPassword, password).length > 0) throw new ApiError('weakPassword', { field: 'body.password' });
      await users.setLoginPasswordHash(target.id, await argon2Hash(password, { type: argon2id }), deps.now());
      const ended = await deps.sessions.revokeAll(target.id);
      await record('user.loginPasswordReset', actor.id, target.id, client, { sessionsEnded: ended });
    },

    /**
     * Turns off a lost second factor and its recovery codes, and ends every session, so whoever
     * holds the login password alone is not let in on an old session. Done only on the user's word
     * to an administrator, which is why it is an event of its own.
     */
    async resetMfa(actorId: string, targetId: string, client: ClientInfo): Promise<void> {
      const { actor, target } = await subjects(actorId, targetId, 'reset the second factor of');
      const hadFactor = target.totp_secret !== null;
      await mfaRepository(deps.db).disable(target.id);
      const ended = await deps.sessions.revokeAll(target.id);
      await record('user.mfaReset', actor.id, target.id, client, { hadFactor, sessionsEnded: ended });
    },

    /**
     * Deletes the account with its sessions, second factor, recovery codes, vault rights, group
     * memberships and key wraps, in one transaction. A vault it administered must keep an active
     * administrator, with one exception: a private vault nobody else has any right in goes with the
     * user (nobody else holds its key or could ever be given it). Any other vault that would be left
     * without one — a company vault, or a private vault shared with others — is a 409 and nothing
     * changes: someone must be made its administrator first. Every vault the user had is named
     * removed for them (other devices drop it). Invitations the user created pass to the
     * administrator deleting them, so newcomers they invited can still be certified.
     */
    async remove(actorId: string, targetId: string, client: ClientInfo): Promise<void> {
      const { actor, target } = await subjects(actorId, targetId, 'delete', true);
      const deletedVaults: string[] = [];
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const vaults = vaultsRepository(trx, deps.sealer);
        const rows = await accessRowsOf(trx, target.id).execute();
        const wrapped = await trx.selectFrom('key_wraps').select('subject_id').where('kind', '=', 'vault').where('recipient_id', '=', target.id).execute();
        const vaultIds = [...new Set([...rows.map((row) => row.vault_id), ...wrapped.map((row) => row.subject_id)])];
        const rights = await rightsOf(trx, target.id, vaultIds);
        const administered = vaultIds.filter((vaultId) => rights.levelAt(vaultId, null) === 'admin');

        await trx.deleteFrom('vault_access').where('principal_type', '=', 'user').where('principal_id', '=', target.id).execute();
        await trx.deleteFrom('group_members').where('user_id', '=', target.id).execute();
        for (const vaultId of administered) {
          try {
            await guardLastAdministrator(trx, vaultId);
          } catch (error) {
            if (!(error instanceof ApiError) || error.code !== 'conflict') throw error;
            // Only a private vault nobody else has any right in goes with the user; one shared with others stays theirs to settle.
            const vault = await vaults.byId(vaultId);
            const others = await usersWithEntries(trx, vaultId);
            if (vault?.kind !== 'private' || others.length > 0) throw new ApiError('conflict', { field: 'param.id', detail: `vault ${vaultId} would be left without an active administrator` });
            // Shortcuts to its entries placed in other vaults go too, named to their readers.
            await entrySharesRepository(trx).dropShortcuts(changeSeq, { sourceVaultId: vaultId });
            await vaults.remove(vaultId);
            deletedVaults.push(vaultId);
          }
        }
        for (const vaultId of vaultIds) await vaults.recordRemoval({ changeSeq, kind: 'vault', objectId: vaultId, vaultId: null, userId: target.id });

        await trx.deleteFrom('key_wraps').where('recipient_id', '=', target.id).execute();
        await trx.deleteFrom('recovery_codes').where('user_id', '=', target.id).execute();
        // Entries sent to them, or by them (a sender without a certificate can no longer be verified).
        await trx.deleteFrom('inbox_shares').where((eb) => eb.or([eb('recipient_id', '=', target.id), eb('sender_id', '=', target.id)])).execute();
        await trx.deleteFrom('spent_refresh_tokens').where('session_id', 'in', trx.selectFrom('sessions').select('id').where('user_id', '=', target.id)).execute();
        await trx.deleteFrom('sessions').where('user_id', '=', target.id).execute();
        await trx.updateTable('invitations').set({ created_by: actor.id }).where('created_by', '=', target.id).execute();
        await trx.deleteFrom('users').where('id', '=', target.id).execute();
      });
      await record('user.deleted', actor.id, target.id, client, { login: target.login, role: target.role, deletedVaults });
      for (const vaultId of deletedVaults) {
        await deps.events.append({ occurredAt: deps.now(), type: 'vault.deleted', actor: { type: 'user', id: actor.id }, target: { type: 'vault', id: vaultId }, vaultId, ip: client.ip, browserMode: client.browserMode, details: { withUser: target.id } });
      }
    },
  };
}

export type UserAdminService = ReturnType<typeof userAdminService>;
