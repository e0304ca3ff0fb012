import type { Kysely } from 'kysely';
import { settleAccess } from '../access/access-changes';
import { guardLastAdministrator as guardLastAdministratorOf } from '../access/vault-guards';
import { isCertificateAdministrator, permissionsOf, requirePermission } from '../auth/permissions';
import type { GroupsTable, Tables, UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { changeTransaction } from '../vaults/transact';

// Groups and their members. A group's rights are rows of vault_access, so joining or leaving a
// group changes what someone may see in every vault the group holds rights in: each change ends
// in settleAccess (keys taken back where nothing is readable any more, a whole sync next time),
// and keys reach newcomers as pending grants fulfilled by a vault administrator's client.

export interface GroupsDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  now: () => number;
}

export function groupsService(deps: GroupsDeps) {
  const record = (type: string, actorId: string, groupId: string, client: ClientInfo, details: Record<string, unknown> = {}) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'group', id: groupId }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details });

  /** Groups are managed by holders of manageGroups (docs/access-control.md, "Roles and delegated administration"). */
  async function administrator(userId: string): Promise<UsersTable> {
    return (await requirePermission(deps.db, userId, 'manageGroups')).user;
  }

  async function existing(groupId: string): Promise<GroupsTable> {
    const group = await deps.db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
    if (!group) throw new ApiError('notFound', { field: 'param.id', detail: 'no such group' });
    return group;
  }

  async function nameFree(name: string, except: string | null): Promise<void> {
    const taken = await deps.db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst();
    if (taken && taken.id !== except) throw new ApiError('conflict', { field: 'body.name', detail: 'a group has this name' });
  }

  async function view(group: GroupsTable) {
    const members = await deps.db.selectFrom('group_members').select('user_id').where('group_id', '=', group.id).orderBy('user_id').execute();
    return { id: group.id, name: group.name, memberIds: members.map((row) => row.user_id), createdAt: Number(group.created_at), updatedAt: Number(group.updated_at) };
  }

  /** The vaults where `groupId` holds rights: what a change of its members touches. */
  async function vaultsOf(trx: Parameters<Parameters<typeof changeTransaction>[1]>[0], groupId: string): Promise<string[]> {
    const rows = await trx.selectFrom('vault_access').select('vault_id').distinct().where('principal_type', '=', 'group').where('principal_id', '=', groupId).execute();
    return rows.map((row) => row.vault_id);
  }

  return {
    /** Every group by name; who is in which is for holders of manageGroups only (others see names, as rights' sources). */
    async list(userId: string) {
      const user = await deps.db.selectFrom('users').select(['role', 'role_id', 'status']).where('id', '=', userId).executeTakeFirst();
      const administers = user ? (await permissionsOf(deps.db, user)).has('manageGroups') : false;
      const [groups, members] = await Promise.all([deps.db.selectFrom('groups').selectAll().orderBy('name').execute(), administers ? deps.db.selectFrom('group_members').select(['group_id', 'user_id']).orderBy('user_id').execute() : []]);
      return groups.map((group) => ({ id: group.id, name: group.name, memberIds: members.filter((row) => row.group_id === group.id).map((row) => row.user_id), createdAt: Number(group.created_at), updatedAt: Number(group.updated_at) }));
    },

    async create(userId: string, input: { id: string; name: string }, client: ClientInfo) {
      await administrator(userId);
      if (await deps.db.selectFrom('groups').select('id').where('id', '=', input.id).executeTakeFirst()) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      await nameFree(input.name, null);
      const now = deps.now();
      const group: GroupsTable = { id: input.id, name: input.name, created_by: userId, created_at: now, updated_at: now };
      await deps.db.insertInto('groups').values(group).execute();
      await record('group.created', userId, group.id, client, { name: group.name });
      return view(group);
    },

    async rename(userId: string, groupId: string, name: string, client: ClientInfo) {
      await administrator(userId);
      await existing(groupId);
      await nameFree(name, groupId);
      await deps.db.updateTable('groups').set({ name, updated_at: deps.now() }).where('id', '=', groupId).execute();
      await record('group.renamed', userId, groupId, client, { name });
      return view(await existing(groupId));
    },

    async remove(userId: string, groupId: string, client: ClientInfo) {
      await administrator(userId);
      await existing(groupId);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const vaultIds = await vaultsOf(trx, groupId);
        const members = (await trx.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute()).map((row) => row.user_id);
        await trx.deleteFrom('vault_access').where('principal_type', '=', 'group').where('principal_id', '=', groupId).execute();
        await trx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
        await trx.deleteFrom('groups').where('id', '=', groupId).execute();
        for (const vaultId of vaultIds) await guardLastAdministratorOf(trx, vaultId);
        await settleAccess(trx, deps.sealer, changeSeq, vaultIds, members);
      });
      await record('group.deleted', userId, groupId, client);
    },

    async addMember(userId: string, groupId: string, memberId: string, client: ClientInfo) {
      const actor = await administrator(userId);
      // A group's rights are vault rights: a delegated group manager must not give them to themselves.
      if (memberId === userId && !isCertificateAdministrator(actor)) throw new ApiError('forbidden', { field: 'param.userId', detail: 'only administrators add themselves to a group' });
      const group = await existing(groupId);
      const member = await deps.db.selectFrom('users').select(['status', 'certificate']).where('id', '=', memberId).executeTakeFirst();
      if (!member || member.status !== 'active' || !member.certificate) throw new ApiError('notFound', { field: 'param.userId', detail: 'no such certified member' });
      const already = await deps.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', memberId).executeTakeFirst();
      if (!already) {
        await changeTransaction(deps.db, async (trx, changeSeq) => {
          // Groups only add: joining one never hides anything, so no whole sync and no key to take back.
          await trx.insertInto('group_members').values({ group_id: groupId, user_id: memberId, added_by: userId, added_at: deps.now(), change_seq: changeSeq }).execute();
        });
        await record('group.memberAdded', userId, groupId, client, { userId: memberId });
      }
      return view(group);
    },

    async removeMember(userId: string, groupId: string, memberId: string, client: ClientInfo) {
      await administrator(userId);
      const group = await existing(groupId);
      const current = await deps.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', memberId).executeTakeFirst();
      if (!current) throw new ApiError('notFound', { field: 'param.userId', detail: 'not a member of this group' });
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await trx.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', memberId).execute();
        const vaultIds = await vaultsOf(trx, groupId);
        for (const vaultId of vaultIds) await guardLastAdministratorOf(trx, vaultId);
        await settleAccess(trx, deps.sealer, changeSeq, vaultIds, [memberId]);
      });
      await record('group.memberRemoved', userId, groupId, client, { userId: memberId });
      return view(group);
    },
  };
}

export type GroupsService = ReturnType<typeof groupsService>;
