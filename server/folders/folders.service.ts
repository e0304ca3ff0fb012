import type { Kysely } from 'kysely';
import type { FoldersTable, Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { itemsRepository } from '../items/items.repository';
import { requireLevel } from '../vaults/access';
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

  const record = (type: string, actorId: string, folder: FoldersTable) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'folder', id: folder.id }, vaultId: folder.vault_id, ip: null, browserMode: null, details: {} });

  /** The folder, once the caller holds `edit` (or `read`) in its vault; 404 for folders they cannot see. */
  async function reachable(userId: string, folderId: string, needed: 'read' | 'edit'): Promise<FoldersTable> {
    const folder = await folders.byId(folderId);
    if (!folder) throw new ApiError('notFound', { detail: 'no such folder' });
    await requireLevel(deps.db, userId, folder.vault_id, needed);
    return folder;
  }

  /** A live folder of `vaultId` to file something under; 404 otherwise. */
  async function liveParent(vaultId: string, parentId: string, field: string): Promise<FoldersTable> {
    const parent = await folders.byId(parentId);
    if (!parent || parent.vault_id !== vaultId || parent.deleted_at !== null) throw new ApiError('notFound', { field, detail: 'no such folder in this vault' });
    return parent;
  }

  async function reloaded(id: string) {
    return folderView((await folders.byId(id))!);
  }

  return {
    liveParent,

    async list(userId: string, vaultId: string) {
      await requireLevel(deps.db, userId, vaultId, 'read');
      return (await folders.inVault(vaultId)).map(folderView);
    },

    async create(userId: string, input: { id: string; vaultId: string; parentId: string | null; name: string }) {
      await requireLevel(deps.db, userId, input.vaultId, 'edit');
      if (await folders.byId(input.id)) throw new ApiError('conflict', { field: 'body.id' });
      if (input.parentId) await liveParent(input.vaultId, input.parentId, 'body.parentId');
      const now = deps.now();
      const row = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const folder: FoldersTable = { id: input.id, vault_id: input.vaultId, parent_id: input.parentId, name: input.name, created_at: now, updated_at: now, deleted_at: null, change_seq: changeSeq };
        await foldersRepository(trx).insert(folder);
        return folder;
      });
      await record('folder.created', userId, row);
      return folderView(row);
    },

    async update(userId: string, folderId: string, input: { name?: string | undefined; parentId?: string | null | undefined }) {
      const folder = await reachable(userId, folderId, 'edit');
      if (folder.deleted_at !== null) throw new ApiError('conflict', { detail: 'the folder is in the trash' });
      if (input.parentId) {
        await liveParent(folder.vault_id, input.parentId, 'body.parentId');
        const inside = subtree(await folders.inVault(folder.vault_id), folderId).some((candidate) => candidate.id === input.parentId);
        if (inside) throw new ApiError('conflict', { field: 'body.parentId', detail: 'a folder cannot move inside itself' });
      }
      await changeTransaction(deps.db, (trx, changeSeq) =>
        foldersRepository(trx).update(folderId, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}), updated_at: deps.now(), change_seq: changeSeq }),
      );
      await record(input.parentId !== undefined ? 'folder.moved' : 'folder.renamed', userId, folder);
      return reloaded(folderId);
    },

    /** Trashes the folder, the live folders below it and their live items, all stamped with one time. */
    async trash(userId: string, folderId: string) {
      const folder = await reachable(userId, folderId, 'edit');
      if (folder.deleted_at !== null) return folderView(folder);
      const now = deps.now();
      const ids = subtree(await folders.inVault(folder.vault_id), folderId)
        .filter((candidate) => candidate.deleted_at === null)
        .map((candidate) => candidate.id);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        for (const id of ids) await foldersRepository(trx).update(id, { deleted_at: now, updated_at: now, change_seq: changeSeq });
        await itemsRepository(trx).setDeletedInFolders(ids, null, now, now, changeSeq);
      });
      await record('folder.trashed', userId, folder);
      return reloaded(folderId);
    },

    /** Restores what was trashed with the folder (same stamp); to the root if its parent is gone. */
    async restore(userId: string, folderId: string) {
      const folder = await reachable(userId, folderId, 'edit');
      if (folder.deleted_at === null) throw new ApiError('conflict', { detail: 'the folder is not in the trash' });
      const stamp = folder.deleted_at;
      const all = await folders.inVault(folder.vault_id);
      const parent = all.find((candidate) => candidate.id === folder.parent_id);
      const orphaned = folder.parent_id !== null && (!parent || parent.deleted_at !== null);
      const ids = subtree(all, folderId)
        .filter((candidate) => candidate.deleted_at === stamp)
        .map((candidate) => candidate.id);
      const now = deps.now();
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        for (const id of ids) await foldersRepository(trx).update(id, { deleted_at: null, updated_at: now, change_seq: changeSeq, ...(id === folderId && orphaned ? { parent_id: null } : {}) });
        await itemsRepository(trx).setDeletedInFolders(ids, stamp, null, now, changeSeq);
      });
      await record('folder.restored', userId, folder);
      return reloaded(folderId);
    },

    /** Deletes a trashed folder for good, with everything below it. */
    async purge(userId: string, folderId: string) {
      const folder = await reachable(userId, folderId, 'edit');
      if (folder.deleted_at === null) throw new ApiError('conflict', { detail: 'move the folder to the trash first' });
      const ids = subtree(await folders.inVault(folder.vault_id), folderId).map((candidate) => candidate.id);
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        const items = itemsRepository(trx);
        const removals = vaultsRepository(trx, deps.sealer);
        for (const item of await items.inFolders(ids)) {
          await items.remove(item.id);
          await removals.recordRemoval({ changeSeq, kind: 'item', objectId: item.id, vaultId: item.vault_id, userId: null });
        }
        await foldersRepository(trx).remove(ids);
        for (const id of ids) await removals.recordRemoval({ changeSeq, kind: 'folder', objectId: id, vaultId: folder.vault_id, userId: null });
      });
      await record('folder.purged', userId, folder);
    },
  };
}

export type FoldersService = ReturnType<typeof foldersService>;
