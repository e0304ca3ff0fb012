import type { ApiClient } from '../api/client';
import { listAttachmentsRoute, type Attachment } from '../contract/attachments';
import { batchRoute, MAX_BATCH } from '../contract/batch';
import { errorEnvelopeSchema } from '../contract/errors';
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

/** What the server answered each re-key of a batch: re-keyed, refused for files not re-wrapped, or refused otherwise. */
type RekeyOutcome = 'rekeyed' | 'filesNotRewrapped' | 'refused';

async function sendRekeys(api: ApiClient, records: NonNullable<Awaited<ReturnType<OpenedVault['sealRekey']>>>[]): Promise<RekeyOutcome[]> {
  if (records.length === 0) return [];
  const requests = records.map((record) => ({ method: 'POST' as const, path: `/api/v1/items/${record.id}/rekey`, body: record }));
  const { responses } = await api.call(batchRoute, { body: { requests } });
  return responses.map((response) => {
    if (response.status === 200) return 'rekeyed';
    const envelope = errorEnvelopeSchema.safeParse(response.body);
    return envelope.success && envelope.data.errors.some((error) => error.code === 'attachmentsNotRewrapped') ? 'filesNotRewrapped' : 'refused';
  });
}

/** Every file the server stores for the entry: on it now, or kept for one of its revisions. */
async function storedFiles(api: ApiClient, itemId: string): Promise<Attachment[]> {
  return (await api.call(listAttachmentsRoute, { params: { id: itemId }, query: { include: 'kept' } })).attachments;
}

/**
 * Re-keys every cached entry of `vaultId` still under an older key version, in batches; entries
 * under the current key are skipped, so an interrupted run simply runs again. Most entries have no
 * files, so each is first sent without any; the server refuses one that has files
 * (`attachmentsNotRewrapped`), and only those are listed, sealed again with their files re-wrapped
 * under the new entry key, and sent once more.
 */
export async function rekeyEntries(api: ApiClient, vault: OpenedVault, vaultId: string, onProgress?: (done: number, total: number) => void): Promise<RekeyRound> {
  const ids = vault.itemIdsIn(vaultId);
  const round: RekeyRound = { rekeyed: 0, left: 0 };
  const count = (outcomes: RekeyOutcome[]) => {
    for (const outcome of outcomes) {
      if (outcome === 'rekeyed') round.rekeyed++;
      else round.left++;
    }
  };
  for (let start = 0; start < ids.length; start += MAX_BATCH) {
    const sealed = (await Promise.all(ids.slice(start, start + MAX_BATCH).map((id) => vault.sealRekey(id)))).filter((record) => record !== null);
    const outcomes = await sendRekeys(api, sealed);
    count(outcomes.filter((outcome) => outcome !== 'filesNotRewrapped'));
    const withFiles = sealed.filter((_, index) => outcomes[index] === 'filesNotRewrapped').map((record) => record.id);
    const resealed = await Promise.all(withFiles.map(async (id) => vault.sealRekey(id, await storedFiles(api, id))));
    count(await sendRekeys(api, resealed.filter((record) => record !== null)));
    onProgress?.(Math.min(start + MAX_BATCH, ids.length), ids.length);
  }
  return round;
}
