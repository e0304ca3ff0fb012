import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AccessLevel } from '../../lib/contract/access-levels';
import type { Tables } from '../db/tables';
import { folderLinks, peopleNamedIn } from './rights.repository';
import { vaultRights, type AccessRow, type VaultRights } from './vault-rights';

// Automatic key grants (issue #10, item 3): whoever may read something in a vault but holds no wrap
// of its current key is waiting for one. The server cannot make the wrap (it never has the key);
// the client of an administrator of the vault who holds the key makes it after sync, to the
// member's certified key only, and signs it.

type Db = Kysely<Tables>;

export interface PendingGrant {
  vaultId: string;
  userId: string;
  keyVersion: number;
  level: AccessLevel;
}

/** The vaults `callerId` may hand keys on in: administrator at the root, holding the current key. */
async function handingVaults(db: Db, callerId: string, rights: VaultRights, among?: readonly string[]): Promise<Map<string, number>> {
  const managed = (among ? rights.vaultIds.filter((vaultId) => among.includes(vaultId)) : rights.vaultIds).filter((vaultId) => rights.allows(vaultId, null, 'manageAccess'));
  if (managed.length === 0) return new Map();
  const rows = await db
    .selectFrom('vaults as v')
    .innerJoin('key_wraps as w', (join) => join.on('w.kind', '=', 'vault').onRef('w.subject_id', '=', 'v.id').onRef('w.key_version', '=', 'v.key_version').on('w.recipient_id', '=', callerId))
    .select(['v.id', 'v.key_version'])
    .where('v.id', 'in', managed)
    .execute();
  return new Map(rows.map((row) => [row.id, row.key_version]));
}

/**
 * In one query, cheap enough for every sync: the vaults where `callerId` holds an administrator
 * entry at the root and the current key, and where someone named in an entry (or a member of a
 * group named in one) holds no wrap of the current key. Usually none; pendingGrantsFor then reads
 * nothing more. Whether those people may read, and whether the caller's entry makes them
 * administrator, the rule decides after.
 */
export function pendingCandidatesQuery(db: Db, callerId: string) {
  const own = (eb: ExpressionBuilder<Tables, 'vault_access'>) =>
    eb.or([eb.and([eb('principal_type', '=', 'user'), eb('principal_id', '=', callerId)]), eb.and([eb('principal_type', '=', 'group'), eb('principal_id', 'in', db.selectFrom('group_members').select('group_id').where('user_id', '=', callerId))])]);
  const administered = db.selectFrom('vault_access').select('vault_id').where('folder_id', '=', '').where('level', '=', 'admin').where(own);
  return db
    .selectFrom('vault_access as a')
    .innerJoin('vaults as v', 'v.id', 'a.vault_id')
    .leftJoin('group_members as gm', (join) => join.on('a.principal_type', '=', 'group').onRef('gm.group_id', '=', 'a.principal_id'))
    .select('a.vault_id')
    .distinct()
    .where('a.vault_id', 'in', administered)
    .where(({ exists, selectFrom }) => exists(selectFrom('key_wraps as w').select('w.recipient_id').where('w.kind', '=', 'vault').whereRef('w.subject_id', '=', 'v.id').whereRef('w.key_version', '=', 'v.key_version').where('w.recipient_id', '=', callerId)))
    .where(({ not, exists, selectFrom, eb }) =>
      not(
        exists(
          selectFrom('key_wraps as h')
            .select('h.recipient_id')
            .where('h.kind', '=', 'vault')
            .whereRef('h.subject_id', '=', 'v.id')
            .whereRef('h.key_version', '=', 'v.key_version')
            .where((inner) => inner.or([inner.and([eb('a.principal_type', '=', 'user'), inner('h.recipient_id', '=', inner.ref('a.principal_id'))]), inner('h.recipient_id', '=', inner.ref('gm.user_id'))])),
        ),
      ),
    )
    .where((eb) => eb.or([eb('a.principal_type', '=', 'user'), eb('gm.user_id', 'is not', null)]));
}

/** Everyone `callerId` could hand a vault key to now, among the vaults `candidates` names (from pendingCandidatesQuery), with the level the vault list shows them. */
export async function pendingGrantsFor(db: Db, callerId: string, rights: VaultRights, among?: readonly string[]): Promise<PendingGrant[]> {
  if (among && among.length === 0) return [];
  const vaults = await handingVaults(db, callerId, rights, among);
  if (vaults.size === 0) return [];
  const vaultIds = [...vaults.keys()];
  const rows: AccessRow[] = await db.selectFrom('vault_access').select(['vault_id', 'principal_type', 'principal_id', 'folder_id', 'level']).where('vault_id', 'in', vaultIds).execute();
  const people = await peopleNamedIn(db, rows);
  const candidates = [...people.keys()];
  if (candidates.length === 0) return [];
  const [users, holders, folders] = await Promise.all([
    db.selectFrom('users').select('id').where('id', 'in', candidates).where('status', '=', 'active').where('certificate', 'is not', null).execute(),
    db.selectFrom('key_wraps as w').innerJoin('vaults as v', (join) => join.onRef('v.id', '=', 'w.subject_id').onRef('v.key_version', '=', 'w.key_version')).select(['w.subject_id', 'w.recipient_id']).where('w.kind', '=', 'vault').where('w.subject_id', 'in', vaultIds).execute(),
    folderLinks(db, [...new Set(rows.filter((row) => row.folder_id !== '').map((row) => row.vault_id))]),
  ]);
  const held = new Set(holders.map((row) => `${row.subject_id}/${row.recipient_id}`));
  const pending: PendingGrant[] = [];
  for (const { id: userId } of users) {
    const person = people.get(userId)!;
    const theirs = vaultRights({ userId, groupIds: person.groupIds, rows: person.rows, folders });
    for (const vaultId of vaultIds) {
      if (held.has(`${vaultId}/${userId}`) || !theirs.readsAnywhere(vaultId)) continue;
      pending.push({ vaultId, userId, keyVersion: vaults.get(vaultId)!, level: (theirs.vaultLevel(vaultId) ?? 'read') as AccessLevel });
    }
  }
  return pending.sort((a, b) => (a.vaultId + a.userId < b.vaultId + b.userId ? -1 : 1));
}
