import type { SyncedShortcut } from '../contract/entry-shares';
import type { SyncResponse } from '../contract/sync';
import type { MemberCertificate } from '../crypto/certificates';
import type { KeyWrap } from '../crypto/wraps';

// The part of a sync that is not items: vaults, the user's own wraps of their keys, the
// certificates of whoever granted those wraps (and of members awaiting a grant), folders and pending
// grants. It is small (tens of kilobytes for fifty vaults), so the cache keeps it as one encrypted
// record and the merge rules of docs/api.md ("Sync") live here.

type Vault = SyncResponse['vaults'][number];
type Folder = SyncResponse['folders'][number];
type PendingGrant = SyncResponse['pendingGrants'][number];

/** Everything but items, as last synced. */
export interface CacheDirectory {
  vaults: Vault[];
  wraps: KeyWrap[];
  certificates: { userId: string; certificate: MemberCertificate }[];
  /** Certificates account recoveries replaced (absent in caches written before recovery existed). */
  retiredCertificates?: { userId: string; certificate: MemberCertificate }[];
  folders: Folder[];
  pendingGrants: PendingGrant[];
  /**
   * The revision each item had when a delta removed it (access taken away, purged, moved out of
   * sight): a later delta may bring it back at that revision or a newer one, never an older one.
   */
  removedRevisions: Record<string, number>;
  /** Shortcuts placed where the user may read, each with its entry as last synced (absent in caches from before shortcuts). */
  shortcuts?: SyncedShortcut[];
}

/** A vault with what opening its key needs: the user's wraps (every key version) and their granters' certificates. */
export interface VaultMaterial {
  vault: Vault;
  wraps: KeyWrap[];
  certificates: Map<string, MemberCertificate>;
  /** A granter's certificates that recoveries replaced: what wraps they signed before verify against. */
  retired: Map<string, MemberCertificate[]>;
}

/** An account that has never synced. */
export function emptyDirectory(): CacheDirectory {
  return { vaults: [], wraps: [], certificates: [], retiredCertificates: [], folders: [], pendingGrants: [], removedRevisions: {}, shortcuts: [] };
}

function upsert<T>(current: T[], incoming: T[], keyOf: (value: T) => string): T[] {
  const byKey = new Map(current.map((value) => [keyOf(value), value]));
  for (const value of incoming) byKey.set(keyOf(value), value);
  return [...byKey.values()];
}

const wrapKey = (wrap: KeyWrap) => `${wrap.subjectId}/${wrap.keyVersion}`;

/**
 * The directory after `response`: replaced when it is full; otherwise removals first (a removed
 * vault takes its folders and wraps with it), then upserts. Pending grants always come whole: the
 * server lists every current one on each sync.
 */
export function mergeDirectory(current: CacheDirectory, response: SyncResponse): CacheDirectory {
  const { vaults, wraps, certificates, folders, pendingGrants } = response;
  const retiredCertificates = (response.retiredCertificates ?? []) as NonNullable<CacheDirectory['retiredCertificates']>;
  const fromResponse = { vaults, wraps: wraps as KeyWrap[], certificates: certificates as CacheDirectory['certificates'], retiredCertificates, folders, pendingGrants, removedRevisions: {}, shortcuts: response.shortcuts ?? [] };
  if (response.full) return fromResponse;
  const goneShortcuts = new Set(response.removed.shortcuts ?? []);
  const goneVaults = new Set(response.removed.vaults);
  const goneFolders = new Set(response.removed.folders);
  const kept = {
    vaults: current.vaults.filter((vault) => !goneVaults.has(vault.id)),
    wraps: current.wraps.filter((wrap) => !goneVaults.has(wrap.subjectId)),
    folders: current.folders.filter((folder) => !goneVaults.has(folder.vaultId) && !goneFolders.has(folder.id)),
    shortcuts: (current.shortcuts ?? []).filter((shortcut) => !goneVaults.has(shortcut.vaultId) && !goneShortcuts.has(shortcut.id)),
  };
  return {
    vaults: upsert(kept.vaults, fromResponse.vaults, (vault) => vault.id),
    wraps: upsert(kept.wraps, fromResponse.wraps, wrapKey),
    certificates: upsert(current.certificates, fromResponse.certificates, (entry) => entry.userId),
    retiredCertificates: upsert(current.retiredCertificates ?? [], retiredCertificates, (entry) => `${entry.userId}/${entry.certificate.signature}`),
    folders: upsert(kept.folders, fromResponse.folders, (folder) => folder.id),
    pendingGrants: fromResponse.pendingGrants,
    removedRevisions: current.removedRevisions,
    shortcuts: upsert(kept.shortcuts, fromResponse.shortcuts, (shortcut) => shortcut.id),
  };
}

/** Whether `response` changes the directory at all (most deltas carry only items). */
export function changesDirectory(current: CacheDirectory, response: SyncResponse): boolean {
  const { vaults, wraps, certificates, folders, removed, pendingGrants } = response;
  const shortcuts = (response.shortcuts?.length ?? 0) + (removed.shortcuts?.length ?? 0);
  if (response.full || (response.retiredCertificates?.length ?? 0) > 0 || vaults.length + wraps.length + certificates.length + folders.length + removed.vaults.length + removed.folders.length + shortcuts > 0) return true;
  return JSON.stringify(pendingGrants) !== JSON.stringify(current.pendingGrants);
}

/** The vault and its key material, or null when the vault is not (or no longer) visible. */
export function vaultMaterialOf(directory: CacheDirectory, vaultId: string): VaultMaterial | null {
  const vault = directory.vaults.find((candidate) => candidate.id === vaultId);
  if (!vault) return null;
  const wraps = directory.wraps.filter((wrap) => wrap.subjectId === vaultId);
  const granters = new Set(wraps.map((wrap) => wrap.granterId));
  const certificates = new Map(directory.certificates.filter((entry) => granters.has(entry.userId)).map((entry) => [entry.userId, entry.certificate]));
  const retired = new Map<string, MemberCertificate[]>();
  for (const entry of directory.retiredCertificates ?? []) if (granters.has(entry.userId)) retired.set(entry.userId, [...(retired.get(entry.userId) ?? []), entry.certificate]);
  return { vault, wraps, certificates, retired };
}
