import type { ApiClient } from '../api/client';
import { batchRoute, MAX_BATCH } from '../contract/batch';
import { rotateVaultKeyRoute } from '../contract/vault-access';
import type { CertifiedMember } from '../crypto/certificates';
import { rotatedVaultKey, wrapVaultKey } from '../vault/vault-keys';
import type { OpenedVault } from './opened-vault';

// Rotating a vault key after access was taken away (issue #10, item 3; docs/access-control.md,
// "Rotating a vault key"): a new key version, made here and wrapped to this user; everyone else who
// may read gets it as a pending grant, fulfilled by this device after its next sync; then every
// entry is re-keyed — its next revision under a fresh entry key wrapped by the new vault key — so
// what is written from now on is out of reach of the old key, whoever kept it.

/** Makes and registers the next key version of `vaultId`; the caller syncs afterwards to hold it. */
export async function rotateVaultKey(api: ApiClient, vault: OpenedVault, me: CertifiedMember, vaultId: string): Promise<number> {
  const next = await rotatedVaultKey(await vault.vaultKey(vaultId));
  const wrap = await wrapVaultKey(next, me, vault.granter());
  await api.call(rotateVaultKeyRoute, { params: { id: vaultId }, body: { keyVersion: next.version, wrap } });
  return next.version;
}

export interface RekeyRound {
  rekeyed: number;
  /** Entries the server refused (changed meanwhile, or no longer readable here): a later run re-keys them. */
  left: number;
}

/**
 * Re-keys every cached entry of `vaultId` still under an older key version, in batches; entries
 * under the current key are skipped, so an interrupted run simply runs again.
 */
export async function rekeyEntries(api: ApiClient, vault: OpenedVault, vaultId: string, onProgress?: (done: number, total: number) => void): Promise<RekeyRound> {
  const ids = vault.itemIdsIn(vaultId);
  const round: RekeyRound = { rekeyed: 0, left: 0 };
  for (let start = 0; start < ids.length; start += MAX_BATCH) {
    const sealed = await Promise.all(ids.slice(start, start + MAX_BATCH).map((id) => vault.sealRekey(id)));
    const requests = sealed.filter((record) => record !== null).map((record) => ({ method: 'POST' as const, path: `/api/v1/items/${record.id}/rekey`, body: record }));
    if (requests.length > 0) {
      const { responses } = await api.call(batchRoute, { body: { requests } });
      for (const response of responses) {
        if (response.status === 200) round.rekeyed++;
        else round.left++;
      }
    }
    onProgress?.(Math.min(start + MAX_BATCH, ids.length), ids.length);
  }
  return round;
}
