import type { Transaction } from 'kysely';
import type { Tables } from '../db/tables';
import { vaultsRepository } from '../vaults/vaults.repository';
import type { Sealer } from '../sealing/sealer';
import { peopleNamedIn, rightsOf } from './rights.repository';

// What follows any change to who may do what — a grant, a folder's place, a group's members: the
// keys of those who can no longer read anything in a vault are taken back, and each person
// affected gets a whole sync next time, so their cache drops what they may no longer see (a
// delta could only add).

type Trx = Transaction<Tables>;

/** Users whose rights in `vaultId` come from its rows: users named in them and members of groups named in them. */
export async function usersWithEntries(trx: Trx, vaultId: string): Promise<string[]> {
  const rows = await trx.selectFrom('vault_access').select(['principal_type', 'principal_id']).where('vault_id', '=', vaultId).execute();
  return [...(await peopleNamedIn(trx, rows)).keys()];
}

/** The members of `groupId`. */
export async function membersOf(trx: Trx, groupId: string): Promise<string[]> {
  return (await trx.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute()).map((row) => row.user_id);
}

/**
 * True when giving `level` where the principal held `previous` (undefined: nothing there) may hide
 * something from someone: any change of an existing entry, a reset, and the levels below read.
 * A new entry of read or more never hides an entry (groups only add; a user's own grant of read
 * or more still reads), so its newcomers need only the vault sent whole (the grant's change number).
 */
export function mayHide(level: string, previous: string | undefined): boolean {
  return previous !== undefined || !['read', 'edit', 'full', 'admin'].includes(level);
}

/**
 * After rights in `vaultIds` may have narrowed for `userIds` (inside the change's transaction):
 * deletes the vault wraps of whoever may no longer read anything in a vault, tells them the vault
 * is gone when they see nothing of it, and marks every one of them for a whole sync.
 */
export async function settleAccess(trx: Trx, sealer: Sealer, changeSeq: number, vaultIds: readonly string[], userIds: readonly string[]): Promise<void> {
  if (vaultIds.length === 0) return;
  const removals = vaultsRepository(trx, sealer);
  for (const userId of new Set(userIds)) {
    const rights = await rightsOf(trx, userId, [...vaultIds]);
    let partly = false;
    for (const vaultId of vaultIds) {
      if (!rights.readsAnywhere(vaultId)) await trx.deleteFrom('key_wraps').where('kind', '=', 'vault').where('subject_id', '=', vaultId).where('recipient_id', '=', userId).execute();
      // A vault they no longer see at all is named as removed; one they still see in part comes
      // whole in a whole sync, the only way a cache learns which of its entries went.
      if (rights.vaultLevel(vaultId) === null) await removals.recordRemoval({ changeSeq, kind: 'vault', objectId: vaultId, vaultId: null, userId });
      else partly = true;
    }
    if (partly) await removals.recordRemoval({ changeSeq, kind: 'access', objectId: userId, vaultId: null, userId });
  }
}
