import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from '../db/tables';
import { vaultRights, type AccessRow, type FolderLink, type VaultRights } from './vault-rights';

// The only SQL the effective-right rule reads: a user's groups, the access rows of the user and
// those groups, and the folder trees the rows need.

type Db = Kysely<Tables> | Transaction<Tables>;

/** The ids of the groups `userId` belongs to, as a subquery. */
export function groupIdsOf(db: Db, userId: string) {
  return db.selectFrom('group_members').select('group_members.group_id').where('group_members.user_id', '=', userId);
}

/** Every vault_access row of `userId` and of their groups. */
export function accessRowsOf(db: Db, userId: string) {
  return db
    .selectFrom('vault_access')
    .select(['vault_access.vault_id', 'vault_access.principal_type', 'vault_access.principal_id', 'vault_access.folder_id', 'vault_access.level', 'vault_access.change_seq as grant_seq'])
    // When the user joined the row's group (null for their own rows): joining counts as a new grant.
    .select(sql<number | null>`(select gm.change_seq from group_members gm where gm.group_id = vault_access.principal_id and gm.user_id = ${userId} and vault_access.principal_type = 'group')`.as('member_seq'))
    .where((eb) => eb.or([eb.and([eb('vault_access.principal_type', '=', 'user'), eb('vault_access.principal_id', '=', userId)]), eb.and([eb('vault_access.principal_type', '=', 'group'), eb('vault_access.principal_id', 'in', groupIdsOf(db, userId))])]));
}

/** One person that access rows name, directly or through a group: their groups among the rows' and the rows that apply to them. */
export interface NamedPerson<R> {
  groupIds: string[];
  rows: R[];
}

/**
 * Everyone `rows` give a right to — the users they name and the members of the groups they name —
 * each with the rows that apply to them, by user id: what a person's rights in those vaults are
 * computed from without a query per person.
 */
export async function peopleNamedIn<R extends Pick<AccessRow, 'principal_type' | 'principal_id'>>(db: Db, rows: readonly R[]): Promise<Map<string, NamedPerson<R>>> {
  const groupIds = [...new Set(rows.filter((row) => row.principal_type === 'group').map((row) => row.principal_id))];
  const memberships = groupIds.length ? await db.selectFrom('group_members').select(['group_id', 'user_id']).where('group_id', 'in', groupIds).execute() : [];
  const groupsOf = new Map<string, string[]>();
  for (const row of rows) if (row.principal_type === 'user') groupsOf.set(row.principal_id, groupsOf.get(row.principal_id) ?? []);
  for (const { group_id: groupId, user_id: userId } of memberships) groupsOf.set(userId, [...(groupsOf.get(userId) ?? []), groupId]);
  const people = new Map<string, NamedPerson<R>>();
  for (const [userId, groups] of groupsOf) {
    const mine = new Set(groups);
    people.set(userId, { groupIds: groups, rows: rows.filter((row) => (row.principal_type === 'user' ? row.principal_id === userId : mine.has(row.principal_id))) });
  }
  return people;
}

/** The folders of `vaultIds`, as links of their trees. */
export async function folderLinks(db: Db, vaultIds: string[]): Promise<FolderLink[]> {
  if (vaultIds.length === 0) return [];
  return db.selectFrom('folders').select(['id', 'vault_id', 'parent_id']).where('vault_id', 'in', vaultIds).execute();
}

/** The rights built from rows already read: loads the folder trees only of vaults with folder entries. */
export async function rightsFromRows(db: Db, userId: string, rows: readonly AccessRow[]): Promise<VaultRights> {
  const groupIds = [...new Set(rows.filter((row) => row.principal_type === 'group').map((row) => row.principal_id))];
  const scoped = [...new Set(rows.filter((row) => row.folder_id !== '').map((row) => row.vault_id))];
  return vaultRights({ userId, groupIds, rows, folders: await folderLinks(db, scoped) });
}

/** `userId`'s rights in every vault, or only in `vaultIds`. */
export async function rightsOf(db: Db, userId: string, vaultIds?: string[]): Promise<VaultRights> {
  if (vaultIds && vaultIds.length === 0) return rightsFromRows(db, userId, []);
  let query = accessRowsOf(db, userId);
  if (vaultIds) query = query.where('vault_access.vault_id', 'in', vaultIds);
  return rightsFromRows(db, userId, await query.execute());
}

/** `folderId` and the folders above it, read up the tree in one query (a loop in the tree stops at the depth limit). */
export async function ancestorLinks(db: Db, folderId: string): Promise<FolderLink[]> {
  const result = await sql<FolderLink>`
    with recursive chain(id, vault_id, parent_id, depth) as (
      select id, vault_id, parent_id, 0 from folders where id = ${folderId}
      union all
      select f.id, f.vault_id, f.parent_id, c.depth + 1 from folders f join chain c on f.id = c.parent_id where c.depth < 256
    )
    select id, vault_id, parent_id from chain`.execute(db);
  return result.rows;
}
