import type { Kysely } from 'kysely';
import type { GrantLevel } from '../../lib/contract/access-levels';
import type { KeyWrap } from '../../lib/crypto/wraps';
import type { Tables, VaultAccessTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import { checkVaultWrap } from '../vaults/wrap-check';
import { vaultView } from '../vaults/vaults.service';
import { mayHide, membersOf, settleAccess } from './access-changes';
import type { RightSource, Scope } from './effective-right';
import { requireRight } from './require-right';
import { peopleNamedIn, rightsOf } from './rights.repository';
import { guardCompanyAdministrator, guardLastAdministrator, guardLeftEntirely } from './vault-guards';
import { vaultRights } from './vault-rights';

// Rights on a vault and its folders for users and groups: the access list with each person's
// effective right and its source, granting, removing, and storing the key wraps that fulfil
// pending grants. Every change ends in settleAccess, which takes back keys nobody may use any more.

export interface AccessDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  now: () => number;
}

type Principal = { type: 'user' | 'group'; id: string };
type StoredLevel = GrantLevel | 'reset';

const folderOf = (scope: Scope) => scope.folderId;

export function accessService(deps: AccessDeps) {
  const record = (type: string, actorId: string, vaultId: string, principal: Principal, client: ClientInfo, details: Record<string, unknown>) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: principal.type, id: principal.id }, vaultId, ip: client.ip, browserMode: client.browserMode, details });

  async function vaultOrNotFound(vaultId: string) {
    const vault = await deps.db.selectFrom('vaults').selectAll().where('id', '=', vaultId).executeTakeFirst();
    if (!vault) throw new ApiError('notFound', { detail: 'no such vault' });
    return vault;
  }

  /** Throws 404 unless the principal exists (a user: active and certified). */
  async function principalOrNotFound(principal: Principal) {
    if (principal.type === 'group') {
      const group = await deps.db.selectFrom('groups').select(['id', 'name']).where('id', '=', principal.id).executeTakeFirst();
      if (!group) throw new ApiError('notFound', { field: 'param.principalId', detail: 'no such group' });
      return { name: group.name, role: null };
    }
    const user = await deps.db.selectFrom('users').select(['login', 'role', 'status', 'certificate']).where('id', '=', principal.id).executeTakeFirst();
    if (!user || user.status !== 'active' || !user.certificate) throw new ApiError('notFound', { field: 'param.principalId', detail: 'no such certified member' });
    return { name: user.login, role: user.role };
  }

  async function folderInVault(vaultId: string, folderId: string | null, field: string) {
    if (folderId === null) return;
    const folder = await deps.db.selectFrom('folders').select('vault_id').where('id', '=', folderId).executeTakeFirst();
    if (!folder || folder.vault_id !== vaultId) throw new ApiError('notFound', { field, detail: 'no such folder in this vault' });
  }



  /** The people a change to `principal` touches: the user, or the group's members. */
  const affected = async (trx: Parameters<typeof membersOf>[0], principal: Principal) => (principal.type === 'user' ? [principal.id] : membersOf(trx, principal.id));

  /** Names of users and groups, for the access list. */
  async function names(userIds: string[], groupIds: string[]) {
    const [users, groups] = await Promise.all([
      userIds.length ? deps.db.selectFrom('users').select(['id', 'login as name']).where('id', 'in', userIds).execute() : [],
      groupIds.length ? deps.db.selectFrom('groups').select(['id', 'name']).where('id', 'in', groupIds).execute() : [],
    ]);
    return { users: new Map(users.map((row) => [row.id, row.name])), groups: new Map(groups.map((row) => [row.id, row.name])) };
  }

  function sourceView(source: RightSource, groupNames: Map<string, string>) {
    if (source.kind === 'user') return { kind: 'user' as const, folderId: folderOf(source.scope) };
    const resetAt = source.reset ? folderOf(source.reset) : undefined;
    if (source.kind === 'none') return { kind: 'none' as const, ...(source.reset ? { resetAt } : {}) };
    return { kind: 'groups' as const, groups: source.from.map((origin) => ({ groupId: origin.groupId, name: groupNames.get(origin.groupId) ?? '', folderId: folderOf(origin.scope) })), ...(source.reset ? { resetAt } : {}) };
  }

  return {
    /** Every grant of the vault, and each person's effective right at the root or `folderId` (full access). */
    async list(userId: string, vaultId: string, folderId: string | null) {
      const callerRights = await rightsOf(deps.db, userId, [vaultId]);
      requireRight(callerRights, vaultId, null, 'viewAccess');
      const vault = await vaultOrNotFound(vaultId);
      await folderInVault(vaultId, folderId, 'query.folderId');
      // Rights set on folders shut to the caller are theirs neither to see nor to ask about.
      if (folderId !== null) requireRight(callerRights, vaultId, folderId, 'listFolderNames', 'query.folderId');
      const visible = (row: { folder_id: string }) => row.folder_id === '' || callerRights.showsFolder(vaultId, row.folder_id);
      const rows = await deps.db.selectFrom('vault_access').selectAll().where('vault_id', '=', vaultId).execute();
      const groupIds = [...new Set(rows.filter((row) => row.principal_type === 'group').map((row) => row.principal_id))];
      const people = await peopleNamedIn(deps.db, rows);
      const [named, folders, holders] = await Promise.all([
        names([...people.keys()], groupIds),
        deps.db.selectFrom('folders').select(['id', 'vault_id', 'parent_id']).where('vault_id', '=', vaultId).execute(),
        vaultsRepository(deps.db, deps.sealer).wrapHolders(vaultId, vault.key_version),
      ]);
      const grants = rows
        .filter(visible)
        .map((row) => ({ principalType: row.principal_type as 'user' | 'group', principalId: row.principal_id, name: (row.principal_type === 'user' ? named.users : named.groups).get(row.principal_id) ?? '', folderId: row.folder_id || null, level: row.level as StoredLevel, grantedBy: row.granted_by, createdAt: Number(row.created_at) }))
        .sort((a, b) => (a.folderId ?? '').localeCompare(b.folderId ?? '') || a.principalType.localeCompare(b.principalType) || a.name.localeCompare(b.name));
      const rights = [...people].map(([personId, person]) => {
        const theirs = vaultRights({ userId: personId, groupIds: person.groupIds, rows: person.rows, folders });
        const right = theirs.at(vaultId, folderId);
        return { userId: personId, login: named.users.get(personId) ?? '', level: right.level, source: sourceView(right.source, named.groups), hasKey: holders.has(personId) };
      });
      return { grants, people: rights.sort((a, b) => a.login.localeCompare(b.login)) };
    },

    /** Gives `principal` `level` (or a user a reset) at the vault root or a folder (vault administrators). */
    async put(granterId: string, vaultId: string, principal: Principal, input: { folderId: string | null; level: StoredLevel }, client: ClientInfo) {
      requireRight(await rightsOf(deps.db, granterId, [vaultId]), vaultId, null, 'manageAccess');
      const vault = await vaultOrNotFound(vaultId);
      const { name, role } = await principalOrNotFound(principal);
      await folderInVault(vaultId, input.folderId, 'body.folderId');
      if (input.level === 'reset' && principal.type !== 'user') throw new ApiError('validationFailed', { field: 'body.level', detail: 'only a user’s own entry can be a reset' });
      if (principal.type === 'user' && principal.id === granterId) throw new ApiError('forbidden', { detail: 'nobody changes their own access' });
      guardCompanyAdministrator(vault.kind, role, input.folderId, input.level);
      const now = deps.now();
      const previous = await deps.db.selectFrom('vault_access').select(['level', 'created_at']).where('vault_id', '=', vaultId).where('principal_type', '=', principal.type).where('principal_id', '=', principal.id).where('folder_id', '=', input.folderId ?? '').executeTakeFirst();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const row: VaultAccessTable = { vault_id: vaultId, principal_type: principal.type, principal_id: principal.id, folder_id: input.folderId ?? '', level: input.level, granted_by: granterId, created_at: previous ? Number(previous.created_at) : now, change_seq: changeSeq };
        await trx
          .insertInto('vault_access')
          .values(row)
          .onConflict((conflict) => conflict.columns(['vault_id', 'principal_type', 'principal_id', 'folder_id']).doUpdateSet({ level: row.level, granted_by: row.granted_by, change_seq: row.change_seq }))
          .execute();
        await guardLastAdministrator(trx, vaultId);
        if (mayHide(input.level, previous?.level)) await settleAccess(trx, deps.sealer, changeSeq, [vaultId], await affected(trx, principal));
      });
      await record(previous ? 'vault.accessChanged' : 'vault.shared', granterId, vaultId, principal, client, { folderId: input.folderId, level: input.level, previous: previous?.level ?? null });
      return { principalType: principal.type, principalId: principal.id, name, folderId: input.folderId, level: input.level, grantedBy: granterId, createdAt: previous ? Number(previous.created_at) : now };
    },

    /** Removes `principal`'s entry at the vault root or a folder (vault administrators; anyone may drop their own). */
    async remove(granterId: string, vaultId: string, principal: Principal, folderId: string | null, client: ClientInfo) {
      const leaving = principal.type === 'user' && principal.id === granterId;
      requireRight(await rightsOf(deps.db, granterId, [vaultId]), vaultId, null, leaving ? 'listFolderNames' : 'manageAccess');
      const vault = await vaultOrNotFound(vaultId);
      const current = await deps.db.selectFrom('vault_access').select('level').where('vault_id', '=', vaultId).where('principal_type', '=', principal.type).where('principal_id', '=', principal.id).where('folder_id', '=', folderId ?? '').executeTakeFirst();
      if (!current) throw new ApiError('notFound', { field: 'param.principalId', detail: 'no such grant' });
      if (principal.type === 'user') {
        const user = await deps.db.selectFrom('users').select(['role', 'status']).where('id', '=', principal.id).executeTakeFirst();
        guardCompanyAdministrator(vault.kind, user?.status === 'active' ? user.role : null, folderId, null);
      }
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await trx.deleteFrom('vault_access').where('vault_id', '=', vaultId).where('principal_type', '=', principal.type).where('principal_id', '=', principal.id).where('folder_id', '=', folderId ?? '').execute();
        if (leaving) await guardLeftEntirely(trx, granterId, vaultId);
        await guardLastAdministrator(trx, vaultId);
        await settleAccess(trx, deps.sealer, changeSeq, [vaultId], await affected(trx, principal));
      });
      await record('vault.unshared', granterId, vaultId, principal, client, { folderId, level: current.level });
    },

    /**
     * Rotates the vault key: the caller's client made the next version and sends it wrapped to
     * themselves. Everyone else who may read waits for it as a pending grant, which the caller's
     * client fulfils after its next sync; the earlier versions' wraps stay, for entries not re-keyed
     * yet and kept revisions. Someone whose access was taken away holds no wrap of any version.
     */
    async rotate(userId: string, vaultId: string, input: { keyVersion: number; wrap: KeyWrap }, client: ClientInfo) {
      requireRight(await rightsOf(deps.db, userId, [vaultId]), vaultId, null, 'manageAccess');
      const vault = await vaultOrNotFound(vaultId);
      if (input.keyVersion !== vault.key_version + 1) throw new ApiError('conflict', { field: 'body.keyVersion', detail: `the next key version is ${vault.key_version + 1}` });
      if (input.wrap.recipientId !== userId) throw new ApiError('invalidKeys', { field: 'body.wrap', detail: 'the new key is wrapped to whoever rotates it' });
      await checkVaultWrap(deps.db, input.wrap, { vaultId, keyVersion: input.keyVersion, granterId: userId, field: 'body.wrap' });
      const now = deps.now();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = vaultsRepository(trx, deps.sealer);
        await repository.putWrap(input.wrap, now, changeSeq);
        await repository.setKeyVersion(vaultId, input.keyVersion, now, changeSeq);
      });
      await deps.events.append({ occurredAt: now, type: 'vault.keyRotated', actor: { type: 'user', id: userId }, target: { type: 'vault', id: vaultId }, vaultId, ip: client.ip, browserMode: client.browserMode, details: { keyVersion: input.keyVersion } });
      return vaultView((await vaultOrNotFound(vaultId))!, 'admin');
    },

    /** Stores a signed wrap of the vault key for someone who may read in the vault and holds none yet (fulfils a pending grant). */
    async putWrap(granterId: string, vaultId: string, recipientId: string, wrap: KeyWrap, client: ClientInfo) {
      requireRight(await rightsOf(deps.db, granterId, [vaultId]), vaultId, null, 'manageAccess');
      const vault = await vaultOrNotFound(vaultId);
      if (wrap.recipientId !== recipientId) throw new ApiError('invalidKeys', { field: 'body.wrap', detail: 'the wrap is addressed to someone else' });
      if (!(await rightsOf(deps.db, recipientId, [vaultId])).readsAnywhere(vaultId)) throw new ApiError('conflict', { field: 'param.userId', detail: 'they may not read anything in this vault' });
      // A wrap once stored stands: another administrator must not replace a member's key with one of their own choosing.
      if ((await vaultsRepository(deps.db, deps.sealer).wrapHolders(vaultId, vault.key_version)).has(recipientId)) throw new ApiError('conflict', { field: 'param.userId', detail: 'they hold the vault’s current key already' });
      await checkVaultWrap(deps.db, wrap, { vaultId, keyVersion: vault.key_version, granterId, field: 'body.wrap' });
      await changeTransaction(deps.db, (trx, changeSeq) => vaultsRepository(trx, deps.sealer).putWrap(wrap, deps.now(), changeSeq));
      await deps.events.append({ occurredAt: deps.now(), type: 'vault.keyGranted', actor: { type: 'user', id: granterId }, target: { type: 'user', id: recipientId }, vaultId, ip: client.ip, browserMode: client.browserMode, details: { keyVersion: vault.key_version } });
    },
  };
}

export type AccessService = ReturnType<typeof accessService>;
