import type { AccessLevel } from '../../lib/contract/access-levels';
import type { Kysely, Transaction } from 'kysely';
import type { FoldersTable, Tables } from '../db/tables';

type Db = Kysely<Tables> | Transaction<Tables>;

/** The only SQL for `folders`. */
export function foldersRepository(db: Db) {
  return {
    async byId(id: string): Promise<FoldersTable | undefined> {
      return db.selectFrom('folders').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async inVault(vaultId: string): Promise<FoldersTable[]> {
      return db.selectFrom('folders').selectAll().where('vault_id', '=', vaultId).orderBy('name').execute();
    },
    async insert(row: FoldersTable): Promise<void> {
      await db.insertInto('folders').values(row).execute();
    },
    async update(id: string, changes: Partial<Pick<FoldersTable, 'name' | 'parent_id' | 'deleted_at'>> & { updated_at: number; change_seq: number }): Promise<void> {
      await db.updateTable('folders').set(changes).where('id', '=', id).execute();
    },
    async remove(ids: string[]): Promise<void> {
      if (ids.length) await db.deleteFrom('folders').where('id', 'in', ids).execute();
    },
    /** Folders of `vaultIds` changed after `afterSeq`, plus every folder of `wholeVaultIds`. */
    async changed(vaultIds: string[], afterSeq: number, wholeVaultIds: string[]): Promise<FoldersTable[]> {
      if (vaultIds.length === 0) return [];
      return db
        .selectFrom('folders')
        .selectAll()
        .where('vault_id', 'in', vaultIds)
        .where((eb) => (wholeVaultIds.length ? eb.or([eb('change_seq', '>', afterSeq), eb('vault_id', 'in', wholeVaultIds)]) : eb('change_seq', '>', afterSeq)))
        .execute();
    },
  };
}

/** `folderId` and every folder below it, among `folders` of one vault. */
export function subtree(folders: FoldersTable[], folderId: string): FoldersTable[] {
  const children = new Map<string, FoldersTable[]>();
  for (const folder of folders) if (folder.parent_id) children.set(folder.parent_id, [...(children.get(folder.parent_id) ?? []), folder]);
  const root = folders.find((folder) => folder.id === folderId);
  const found: FoldersTable[] = [];
  const stack = root ? [root] : [];
  while (stack.length) {
    const folder = stack.pop()!;
    found.push(folder);
    stack.push(...(children.get(folder.id) ?? []));
  }
  return found;
}

/** A folder as served to someone whose level there is `level`. */
export function folderView(row: FoldersTable, level: AccessLevel) {
  return { id: row.id, vaultId: row.vault_id, parentId: row.parent_id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at, level };
}
