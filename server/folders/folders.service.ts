import type { Kysely } from 'kysely';
import type { FoldersTable, Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { itemsRepository } from '../items/items.repository';
import { entrySharesRepository } from '../entry-shares/entry-shares.repository';
import type { AccessLevel } from '../../lib/contract/access-levels';
import { settleAccess, usersWithEntries } from '../access/access-changes';
import type { Action } from '../access/levels';
import { requireRight, seenLevel } from '../access/require-right';
import { rightsOf } from '../access/rights.repository';
import type { VaultRights } from '../access/vault-rights';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import type { Sealer } from '../sealing/sealer';
import { folderView, foldersRepository, subtree } from './folders.repository';

export interface FoldersDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  now: () => number;
}

/** Nested folders inside a vault: create, rename, move, trash, restore, purge. */
export function foldersService(deps: FoldersDeps) {
  const folders = foldersRepository(deps.db);

  const record = (type: string, actorId: string, folder: FoldersTable, client: ClientInfo, details: Record<string, unknown> = {}) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'folder', id: folder.id }, vaultId: folder.vault_id, ip: client.ip, browserMode: client.browserMode, details });

  /** The folder and the caller's rights in its vault, once their right at the folder allows `action`; 404 for folders they cannot see. */
  async function reachable(userId: string, folderId: string, action: Action): Promise<{ folder: FoldersTable; rights: VaultRights }> {
    const folder = await folders.byId(folderId);
    if (!folder) throw new ApiError('notFound', { detail: 'no such folder' });
    const rights = await rightsOf(deps.db, userId, [folder.vault_id]);
    requireRight(rights, folder.vault_id, folderId, action);
    return { folder, rights };
  }

  /** The folder as `userId` sees it, with their level there. */
  async function reloaded(userId: string, id: string) {
    const folder = (await folders.byId(id))!;
    // A folder the caller just moved out of their own sight is still named to them, at the least level.
    return folderView(folder, seenLevel(await rightsOf(deps.db, userId, [folder.vault_id]), folder.vault_id, id) ?? 'navigation');
  }

  /**
   * Throws 403 unless the caller may manage every folder in `ids` (a folder's subtree): trashing,
   * restoring or purging a folder takes everything below it, subfolders shut to the caller included.
   */
  function requireWholeSubtree(rights: VaultRights, vaultId: string, ids: string[]): void {
    if (ids.some((id) => !rights.allows(vaultId, id, 'manageFolders'))) throw new ApiError('forbidden', { detail: 'a folder below this one is not yours to manage' });
  }

  /** True when some grant of the vault sits on a folder: only then does a folder's place change anyone's rights. */
  async function hasFolderGrants(vaultId: string): Promise<boolean> {
    return (await deps.db.selectFrom('vault_access').select('vault_id').where('vault_id', '=', vaultId).where('folder_id', '!=', '').limit(1).executeTakeFirst()) !== undefined;
  }

  /** A live folder of `vaultId` to file something under; 404 otherwise. */
  async function liveParent(vaultId: string, parentId: string, field: string): Promise<FoldersTable> {
    const parent = await folders.byId(parentId);
    if (!parent || parent.vault_id !== vaultId || parent.deleted_at !== null) throw new ApiError('notFound', { field, detail: 'no such folder in this vault' });
    return parent;
  }

  return {
    liveParent,

    async list(userId: string, vaultId: string) {
      const rights = await rightsOf(deps.db, userId, [vaultId]);
      requireRight(rights, vaultId, null, 'listFolderNames');
      return (await folders.inVault(vaultId)).filter((folder) => rights.showsFolder(vaultId, folder.id)).map((folder) => folderView(folder, seenLevel(rights, vaultId, folder.id) as AccessLevel));
    },

    async create(userId: string, input: { id: string; vaultId: string; parentId: string | null; name: string }, client: ClientInfo) {
      const rights = await rightsOf(deps.db, userId, [input.vaultId]);
      requireRight(rights, input.vaultId, input.parentId, 'createFolders');
      if (await folders.byId(input.id)) throw new ApiError('conflict', { field: 'body.id' });
      if (input.parentId) await liveParent(input.vaultId, input.parentId, 'body.parentId');
      const now = deps.now();
      const row = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const folder: FoldersTable = { id: input.id, vault_id: input.vaultId, parent_id: input.parentId, name: input.name, created_at: now, updated_at: now, deleted_at: null, change_seq: changeSeq };
        await foldersRepository(trx).insert(folder);
        return folder;
      });
      await record('folder.created', userId, row, client);
      return folderView(row, seenLevel(rights, input.vaultId, input.parentId) as AccessLevel);
    },

    async update(userId: string, folderId: string, input: { name?: string | undefined; parentId?: string | null | undefined }, client: ClientInfo) {
      const { folder, rights } = await reachable(userId, folderId, input.parentId !== undefined ? 'moveFolders' : 'manageFolders');
      if (input.name !== undefined) requireRight(rights, folder.vault_id, folderId, 'manageFolders');
      if (input.parentId !== undefined) requireRight(rights, folder.vault_id, input.parentId, 'moveFolders', 'body.parentId');
      if (folder.deleted_at !== null) throw new ApiError('conflict', { detail: 'the folder is in the trash' });
      if (input.parentId) {
        await liveParent(folder.vault_id, input.parentId, 'body.parentId');
        const inside = subtree(await folders.inVault(folder.vault_id), folderId).some((candidate) => candidate.id === input.parentId);
        if (inside) throw new ApiError('conflict', { field: 'body.parentId', detail: 'a folder cannot move inside itself' });
      }
      const moves = input.parentId !== undefined && input.parentId !== folder.parent_id && (await hasFolderGrants(folder.vault_id));
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await foldersRepository(trx).update(folderId, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}), updated_at: deps.now(), change_seq: changeSeq });
        // The subtree now inherits from its new parent's rights.
        if (moves) await settleAccess(trx, deps.sealer, changeSeq, [folder.vault_id], await usersWithEntries(trx, folder.vault_id));
      });
      // A rename and a move in one request are two changes, each in the log.
      if (input.name !== undefined && input.name !== folder.name) await record('folder.renamed', userId, folder, client);
      if (input.parentId !== undefined && input.parentId !== folder.parent_id) await record('folder.moved', userId, folder, client, { from: folder.parent_id, to: input.parentId });
      return reloaded(userId, folderId);
    },

    /** Trashes the folder, the live folders below it and their live items, all stamped with one time. */
    async trash(userId: string, folderId: string, client: ClientInfo) {
      const { folder, rights } = await reachable(userId, folderId, 'manageFolders');
      if (folder.deleted_at !== null) return folderView(folder, seenLevel(rights, folder.vault_id, folderId) as AccessLevel);
      const now = deps.now();
      const ids = subtree(await folders.inVault(folder.vault_id), folderId)
        .filter((candidate) => candidate.deleted_at === null)
        .map((candidate) => candidate.id);
      requireWholeSubtree(rights, folder.vault_id, ids);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        for (const id of ids) await foldersRepository(trx).update(id, { deleted_at: now, updated_at: now, change_seq: changeSeq });
        await itemsRepository(trx).setDeletedInFolders(ids, null, now, now, changeSeq);
      });
      await record('folder.trashed', userId, folder, client);
      return reloaded(userId, folderId);
    },

    /** Restores what was trashed with the folder (same stamp); to the root if its parent is gone. */
    async restore(userId: string, folderId: string, client: ClientInfo) {
      const { folder, rights } = await reachable(userId, folderId, 'manageFolders');
      if (folder.deleted_at === null) throw new ApiError('conflict', { detail: 'the folder is not in the trash' });
      const stamp = folder.deleted_at;
      const all = await folders.inVault(folder.vault_id);
      const parent = all.find((candidate) => candidate.id === folder.parent_id);
      const orphaned = folder.parent_id !== null && (!parent || parent.deleted_at !== null);
      const ids = subtree(all, folderId)
        .filter((candidate) => candidate.deleted_at === stamp)
        .map((candidate) => candidate.id);
      requireWholeSubtree(rights, folder.vault_id, ids);
      // Back at the root, the subtree inherits from the vault's rights instead of its old parent's: a move.
      const moves = orphaned && (await hasFolderGrants(folder.vault_id));
      if (moves) requireRight(rights, folder.vault_id, null, 'moveFolders');
      const now = deps.now();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        for (const id of ids) await foldersRepository(trx).update(id, { deleted_at: null, updated_at: now, change_seq: changeSeq, ...(id === folderId && orphaned ? { parent_id: null } : {}) });
        await itemsRepository(trx).setDeletedInFolders(ids, stamp, null, now, changeSeq);
        if (moves) await settleAccess(trx, deps.sealer, changeSeq, [folder.vault_id], await usersWithEntries(trx, folder.vault_id));
      });
      await record('folder.restored', userId, folder, client);
      return reloaded(userId, folderId);
    },

    /** Deletes a trashed folder for good, with everything below it. */
    async purge(userId: string, folderId: string, client: ClientInfo) {
      const { folder, rights } = await reachable(userId, folderId, 'manageFolders');
      if (folder.deleted_at === null) throw new ApiError('conflict', { detail: 'move the folder to the trash first' });
      const ids = subtree(await folders.inVault(folder.vault_id), folderId).map((candidate) => candidate.id);
      requireWholeSubtree(rights, folder.vault_id, ids);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const items = itemsRepository(trx);
        const removals = vaultsRepository(trx, deps.sealer);
        const purged = await items.inFolders(ids);
        // Shortcuts to these entries, and shortcuts placed in these folders, go with them.
        await entrySharesRepository(trx).dropShortcuts(changeSeq, { itemIds: purged.map((item) => item.id), folderIds: ids });
        for (const item of purged) {
          await items.remove(item.id);
          await removals.recordRemoval({ changeSeq, kind: 'item', objectId: item.id, vaultId: item.vault_id, userId: null });
        }
        await foldersRepository(trx).remove(ids);
        for (const id of ids) await removals.recordRemoval({ changeSeq, kind: 'folder', objectId: id, vaultId: folder.vault_id, userId: null });
        const grants = await trx.deleteFrom('vault_access').where('vault_id', '=', folder.vault_id).where('folder_id', 'in', ids).executeTakeFirst();
        if (Number(grants.numDeletedRows) > 0) await settleAccess(trx, deps.sealer, changeSeq, [folder.vault_id], await usersWithEntries(trx, folder.vault_id));
      });
      await record('folder.purged', userId, folder, client);
    },
  };
}

export type FoldersService = ReturnType<typeof foldersService>;
