import type { Transaction } from 'kysely';
import type { Tables } from '../db/tables';
import { ApiError } from '../http/errors';
import { peopleNamedIn, rightsOf } from './rights.repository';

type Trx = Transaction<Tables>;

/**
 * Throws 409 unless some active member still administers `vaultId` at its root, checked inside the
 * change's transaction after the change (so the change rolls back): a vault nobody may manage
 * could never be shared, re-keyed or deleted again.
 */
export async function guardLastAdministrator(trx: Trx, vaultId: string): Promise<void> {
  const rows = await trx.selectFrom('vault_access').select(['principal_type', 'principal_id']).where('vault_id', '=', vaultId).where('folder_id', '=', '').where('level', '=', 'admin').execute();
  const candidates = [...(await peopleNamedIn(trx, rows)).keys()];
  const active = candidates.length ? await trx.selectFrom('users').select('id').where('id', 'in', candidates).where('status', '=', 'active').execute() : [];
  for (const { id } of active) if ((await rightsOf(trx, id, [vaultId])).levelAt(vaultId, null) === 'admin') return;
  throw new ApiError('conflict', { detail: 'a vault keeps at least one administrator' });
}

/**
 * Throws 403 unless `userId` sees nothing of `vaultId` any more, checked inside the change's
 * transaction after they removed entries of their own (so the removal rolls back): dropping one's
 * own entries is leaving, never a way around a personal forbidden or a lower own level that a
 * vault administrator set above what one's groups give.
 */
export async function guardLeftEntirely(trx: Trx, userId: string, vaultId: string): Promise<void> {
  if ((await rightsOf(trx, userId, [vaultId])).vaultLevel(vaultId) !== null) throw new ApiError('forbidden', { detail: 'removing your own entries is leaving the vault; your groups would still give you access, so ask a vault administrator' });
}

/**
 * Throws 409 when an entry would leave an organisation administrator (`role` of an active user;
 * null for anyone else) without their own administrator grant at a company vault's root: company
 * vaults are the organisation's, and its administrators always manage them.
 */
export function guardCompanyAdministrator(kind: string, role: string | null, folderId: string | null, level: string | null): void {
  const administrator = role === 'owner' || role === 'administrator';
  if (kind === 'company' && administrator && folderId === null && level !== 'admin') throw new ApiError('conflict', { detail: 'organisation administrators keep administrator access to company vaults' });
}
