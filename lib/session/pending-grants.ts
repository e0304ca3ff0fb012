import { ApiRequestError, type ApiClient } from '../api/client';
import type { SyncResponse } from '../contract/sync';
import { putVaultKeyWrapRoute } from '../contract/vault-access';
import type { MemberCertificate } from '../crypto/certificates';
import { wrapVaultKey } from '../vault/vault-keys';
import type { OpenedVault } from './opened-vault';

// Automatic key grants (issue #10, item 3; docs/access-control.md, "Keys follow rights"): after a
// sync, the worker of a vault administrator who holds a vault's key hands it to everyone the server
// lists as waiting — wrapped to their certificate only once it verifies against the pinned
// organisation key, and signed by this user. A certificate that does not verify (a key the server
// swapped in) is refused and not tried again while the vault stays unlocked.

export interface GrantRound {
  granted: { vaultId: string; userId: string }[];
  refused: { vaultId: string; userId: string; reason: string }[];
}

const grantKey = (grant: { vaultId: string; userId: string; keyVersion: number }) => `${grant.vaultId}/${grant.userId}/${grant.keyVersion}`;

/** Fulfils the pending grants of `response` one by one; `refusedBefore` holds the grants refused earlier in this unlock, and gains today's. */
export async function fulfilPendingGrants(api: ApiClient, vault: OpenedVault, response: Pick<SyncResponse, 'pendingGrants' | 'certificates'>, refusedBefore: Set<string>): Promise<GrantRound> {
  const round: GrantRound = { granted: [], refused: [] };
  const certificates = new Map(response.certificates.map((served) => [served.userId, served.certificate as MemberCertificate]));
  for (const grant of response.pendingGrants) {
    if (refusedBefore.has(grantKey(grant))) continue;
    const refuse = (reason: string) => {
      refusedBefore.add(grantKey(grant));
      round.refused.push({ vaultId: grant.vaultId, userId: grant.userId, reason });
    };
    const certificate = certificates.get(grant.userId);
    if (!certificate) {
      refuse('no certificate came with the grant');
      continue;
    }
    let wrap;
    try {
      const member = await vault.certify(certificate, grant.userId);
      const held = await vault.vaultKey(grant.vaultId);
      // A key rotated since the sync: the next sync lists the grant again at the new version.
      if (held.version !== grant.keyVersion) continue;
      wrap = await wrapVaultKey(held, member, vault.granter());
    } catch (error) {
      refuse(error instanceof Error ? error.message : String(error));
      continue;
    }
    try {
      await api.call(putVaultKeyWrapRoute, { params: { id: grant.vaultId, userId: grant.userId }, body: { wrap } });
      round.granted.push({ vaultId: grant.vaultId, userId: grant.userId });
    } catch (error) {
      // Rights changed since the sync (404, 409) or ours did (403): the next sync says what is still pending.
      if (!(error instanceof ApiRequestError)) throw error;
    }
  }
  return round;
}
