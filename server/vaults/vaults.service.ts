import type { Kysely } from 'kysely';
import { ACCESS_LEVELS, type AccessLevel } from '../../lib/contract/vaults';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { KeyWrap } from '../../lib/crypto/wraps';
import type { Tables, UsersTable, VaultsTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import { mayHide, settleAccess, usersWithEntries } from '../access/access-changes';
import { requireRight } from '../access/require-right';
import { requirePermission } from '../auth/permissions';
import { rightsOf } from '../access/rights.repository';
import { guardCompanyAdministrator, guardLastAdministrator, guardLeftEntirely } from '../access/vault-guards';
import { entrySharesRepository } from '../entry-shares/entry-shares.repository';
import { changeTransaction } from './transact';
import { vaultsRepository } from './vaults.repository';
import { checkVaultWrap } from './wrap-check';

export interface VaultsDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  now: () => number;
}

const isOrganisationAdministrator = (user: Pick<UsersTable, 'role' | 'status'>) => user.status === 'active' && (user.role === 'owner' || user.role === 'administrator');

/** A vault row as the caller sees it. */
export function vaultView(row: VaultsTable, level: AccessLevel) {
  return { id: row.id, kind: row.kind as 'company' | 'private', name: row.name, keyVersion: row.key_version, level, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Vaults, their members and the signed wraps of their keys. */
export function vaultsService(deps: VaultsDeps) {
  const vaults = vaultsRepository(deps.db, deps.sealer);

  const record = (type: string, actorId: string, vaultId: string, client: ClientInfo, details: Record<string, unknown> = {}, target: { type: string; id: string } = { type: 'vault', id: vaultId }) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target, vaultId, ip: client.ip, browserMode: client.browserMode, details });

  async function existing(vaultId: string): Promise<VaultsTable> {
    const row = await vaults.byId(vaultId);
    if (!row) throw new ApiError('notFound', { detail: 'no such vault' });
    return row;
  }

  async function administrators(): Promise<string[]> {
    const rows = await deps.db.selectFrom('users').select(['id', 'role', 'status']).where('role', 'in', ['owner', 'administrator']).execute();
    return rows.filter(isOrganisationAdministrator).map((row) => row.id);
  }

  async function activeUser(userId: string, field: string): Promise<UsersTable> {
    const user = await deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user || user.status !== 'active' || !user.certificate) throw new ApiError('notFound', { field, detail: 'no such certified member' });
    return user;
  }



  return {
    async list(userId: string) {
      const rights = await rightsOf(deps.db, userId);
      return (await vaults.byIds(rights.vaultIds)).map((row) => vaultView(row, rights.vaultLevel(row.id) as AccessLevel));
    },

    async create(userId: string, input: { id: string; kind: 'company' | 'private'; name: string; wraps: KeyWrap[] }, client: ClientInfo) {
      if (input.kind === 'company') await requirePermission(deps.db, userId, 'createCompanyVaults');
      if (await vaults.byId(input.id)) throw new ApiError('conflict', { field: 'body.id' });
      const recipients = input.wraps.map((wrap) => wrap.recipientId);
      if (new Set(recipients).size !== recipients.length) throw new ApiError('validationFailed', { field: 'body.wraps', detail: 'one wrap per member' });
      if (!recipients.includes(userId)) throw new ApiError('validationFailed', { field: 'body.wraps', detail: 'the creator needs a wrap of the key' });
      const admins = input.kind === 'company' ? await administrators() : [];
      const allowed = new Set([userId, ...admins]);
      if (recipients.some((id) => !allowed.has(id))) throw new ApiError('validationFailed', { field: 'body.wraps', detail: 'a new vault is wrapped to its creator (and, for company vaults, the administrators); share it afterwards' });
      if (admins.some((id) => !recipients.includes(id))) throw new ApiError('validationFailed', { field: 'body.wraps', detail: 'company vaults are wrapped to every administrator' });
      for (const wrap of input.wraps) await checkVaultWrap(deps.db, wrap, { vaultId: input.id, keyVersion: 1, granterId: userId, field: 'body.wraps' });
      const now = deps.now();
      const row = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = vaultsRepository(trx, deps.sealer);
        const vault: VaultsTable = { id: input.id, kind: input.kind, name: input.name, key_version: 1, created_by: userId, created_at: now, updated_at: now, change_seq: changeSeq };
        await repository.insert(vault);
        for (const wrap of input.wraps) {
          await repository.putMember({ vault_id: input.id, principal_id: wrap.recipientId, level: 'admin', granted_by: userId, created_at: now, change_seq: changeSeq });
          await repository.putWrap(wrap, now, changeSeq);
        }
        return vault;
      });
      await record('vault.created', userId, input.id, client, { kind: input.kind });
      return vaultView(row, 'admin');
    },

    async get(userId: string, vaultId: string) {
      const rights = await rightsOf(deps.db, userId, [vaultId]);
      const level = requireRight(rights, vaultId, null, 'listFolderNames') as AccessLevel;
      const row = await existing(vaultId);
      const wrap = rights.readsAnywhere(vaultId) ? ((await vaults.wrap(vaultId, userId, row.key_version)) ?? null) : null;
      const granterRow = wrap ? await deps.db.selectFrom('users').select(['id', 'certificate']).where('id', '=', wrap.granterId).executeTakeFirst() : undefined;
      const granter = granterRow?.certificate ? { userId: granterRow.id, certificate: JSON.parse(granterRow.certificate) as MemberCertificate } : null;
      return { vault: vaultView(row, level), wrap, granter };
    },

    async rename(userId: string, vaultId: string, name: string, client: ClientInfo) {
      const level = requireRight(await rightsOf(deps.db, userId, [vaultId]), vaultId, null, 'renameVault') as AccessLevel;
      await changeTransaction(deps.db, (trx, changeSeq) => vaultsRepository(trx, deps.sealer).rename(vaultId, name, deps.now(), changeSeq));
      await record('vault.renamed', userId, vaultId, client);
      return vaultView(await existing(vaultId), level);
    },

    async remove(userId: string, vaultId: string, client: ClientInfo) {
      requireRight(await rightsOf(deps.db, userId, [vaultId]), vaultId, null, 'deleteVault');
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = vaultsRepository(trx, deps.sealer);
        for (const memberId of await usersWithEntries(trx, vaultId)) await repository.recordRemoval({ changeSeq, kind: 'vault', objectId: vaultId, vaultId: null, userId: memberId });
        // Shortcuts to its entries placed in other vaults go too (those placed in it go with the vault).
        await entrySharesRepository(trx).dropShortcuts(changeSeq, { sourceVaultId: vaultId });
        await repository.remove(vaultId);
      });
      await record('vault.deleted', userId, vaultId, client);
    },

    async members(userId: string, vaultId: string) {
      requireRight(await rightsOf(deps.db, userId, [vaultId]), vaultId, null, 'viewAccess');
      const vault = await existing(vaultId);
      const [grants, holders] = await Promise.all([vaults.members(vaultId), vaults.wrapHolders(vaultId, vault.key_version)]);
      const ids = grants.map((grant) => grant.principal_id);
      const logins = new Map((ids.length ? await deps.db.selectFrom('users').select(['id', 'login']).where('id', 'in', ids).execute() : []).map((user) => [user.id, user.login]));
      // The people a vault is shared with: entries that give a level (a forbidden or a reset is a folder-rights matter, listed by GET /access).
      return grants
        .filter((grant) => (ACCESS_LEVELS as readonly string[]).includes(grant.level))
        .map((grant) => ({ userId: grant.principal_id, login: logins.get(grant.principal_id) ?? '', level: grant.level as AccessLevel, grantedBy: grant.granted_by, hasKey: holders.has(grant.principal_id) }))
        .sort((a, b) => a.login.localeCompare(b.login));
    },

    /** Shares the vault with a certified member or changes their level; a newcomer comes with a signed wrap. */
    async putMember(granterId: string, vaultId: string, memberId: string, input: { level: AccessLevel; wrap?: KeyWrap | undefined }, client: ClientInfo) {
      requireRight(await rightsOf(deps.db, granterId, [vaultId]), vaultId, null, 'manageAccess');
      const vault = await existing(vaultId);
      const member = await activeUser(memberId, 'param.userId');
      const current = await vaults.member(vaultId, memberId);
      if (memberId === granterId) throw new ApiError('forbidden', { detail: 'nobody changes their own access' });
      guardCompanyAdministrator(vault.kind, isOrganisationAdministrator(member) ? member.role : null, null, input.level);
      const holds = (await vaults.wrapHolders(vaultId, vault.key_version)).has(memberId);
      if (!input.wrap && !holds) throw new ApiError('validationFailed', { field: 'body.wrap', detail: 'a new member needs a wrap of the vault key' });
      // A wrap once stored stands: another administrator must not replace a member's key with one of their own choosing.
      if (input.wrap && holds) throw new ApiError('conflict', { field: 'body.wrap', detail: 'they hold the vault’s current key already' });
      if (input.wrap) {
        if (input.wrap.recipientId !== memberId) throw new ApiError('invalidKeys', { field: 'body.wrap', detail: 'the wrap is addressed to someone else' });
        await checkVaultWrap(deps.db, input.wrap, { vaultId, keyVersion: vault.key_version, granterId, field: 'body.wrap' });
      }
      const now = deps.now();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = vaultsRepository(trx, deps.sealer);
        await repository.putMember({ vault_id: vaultId, principal_id: memberId, level: input.level, granted_by: granterId, created_at: current?.created_at ?? now, change_seq: changeSeq });
        if (input.wrap) await repository.putWrap(input.wrap, now, changeSeq);
        await guardLastAdministrator(trx, vaultId);
        if (mayHide(input.level, current?.level)) await settleAccess(trx, deps.sealer, changeSeq, [vaultId], [memberId]);
      });
      await record(current ? 'vault.accessChanged' : 'vault.shared', granterId, vaultId, client, { level: input.level, previous: current?.level ?? null }, { type: 'user', id: memberId });
      return { userId: memberId, login: member.login, level: input.level, grantedBy: granterId, hasKey: holds || Boolean(input.wrap) };
    },

    async removeMember(granterId: string, vaultId: string, memberId: string, client: ClientInfo) {
      const vault = await existing(vaultId);
      const current = await vaults.member(vaultId, memberId);
      const leaving = memberId === granterId;
      requireRight(await rightsOf(deps.db, granterId, [vaultId]), vaultId, null, leaving ? 'listFolderNames' : 'manageAccess');
      if (!current) throw new ApiError('notFound', { field: 'param.userId', detail: 'not a member of this vault' });
      const member = await deps.db.selectFrom('users').select(['role', 'status']).where('id', '=', memberId).executeTakeFirst();
      guardCompanyAdministrator(vault.kind, member && isOrganisationAdministrator(member) ? member.role : null, null, null);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await vaultsRepository(trx, deps.sealer).removeMember(vaultId, memberId);
        if (leaving) await guardLeftEntirely(trx, memberId, vaultId);
        await guardLastAdministrator(trx, vaultId);
        await settleAccess(trx, deps.sealer, changeSeq, [vaultId], [memberId]);
      });
      await record('vault.unshared', granterId, vaultId, client, { level: current.level }, { type: 'user', id: memberId });
    },

    /** Every active member with a certificate, by login: whom a vault can be shared with. */
    async directory() {
      const rows = await deps.db.selectFrom('users').select(['id', 'login', 'role', 'certificate']).where('status', '=', 'active').where('certificate', 'is not', null).orderBy('login').execute();
      return rows
        .filter((row) => row.role !== 'pending')
        .map((row) => ({ userId: row.id, login: row.login, role: row.role as 'owner' | 'administrator' | 'member', certificate: JSON.parse(row.certificate!) as MemberCertificate }));
    },

    /**
     * A newly certified administrator may open every company vault; the key reaches them when the
     * client of someone who holds it fulfils the pending grant sync reports.
     */
    async grantCompanyVaultsTo(userId: string, grantedBy: string, client: ClientInfo): Promise<void> {
      const ids = await vaults.companyVaultIds();
      if (ids.length === 0) return;
      const now = deps.now();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const repository = vaultsRepository(trx, deps.sealer);
        for (const vaultId of ids) await repository.putMember({ vault_id: vaultId, principal_id: userId, level: 'admin', granted_by: grantedBy, created_at: now, change_seq: changeSeq });
      });
      // Each vault's own log shows who came to administer it.
      for (const vaultId of ids) await record('vault.shared', grantedBy, vaultId, client, { level: 'admin', administrator: true }, { type: 'user', id: userId });
    },
  };
}

export type VaultsService = ReturnType<typeof vaultsService>;
