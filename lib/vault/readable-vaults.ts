import type { z } from 'zod';
import type { folderSchema } from '../contract/folders';
import type { Item } from '../contract/items';
import type { SyncResponse } from '../contract/sync';
import type { vaultSchema } from '../contract/vaults';
import { verifyCertificate, type MemberCertificate } from '../crypto/certificates';
import { AuthenticationError, CertificateError } from '../crypto/errors';
import type { SymmetricKey } from '../crypto/symmetric';
import type { UserKeys } from '../crypto/user-keys';
import { openItem, revealField } from './item';
import { openVaultKey, type HeldVaultKey } from './vault-keys';

// What one full sync shows an identity (a person or a machine), read without an offline cache: the
// vaults, live folders and live items it may read, with vault keys opened on demand once the wrap's
// granter is certified by the pinned organisation key and the wrap's signature verifies, and every
// item's metadata MAC checked before any of its values is read. Nothing here trusts the server.

export type Vault = z.infer<typeof vaultSchema>;
export type Folder = z.infer<typeof folderSchema>;

/** Who reads: the identity's id and private keys, and the organisation key already checked against the pin. */
export interface Reader {
  userId: string;
  keys: Pick<UserKeys, 'encryption'>;
  organisation: { id: string; publicKey: CryptoKey };
}

/** The vault exists for the reader but holds no wrap of its key for them yet (access pending). */
export class VaultKeyMissingError extends Error {
  constructor(readonly vault: Vault) {
    super(`Access to vault "${vault.name}" is pending: nobody has shared its key with you yet.`);
    this.name = 'VaultKeyMissingError';
  }
}

function certificatesByUser(entries: SyncResponse['certificates'] | undefined): Map<string, MemberCertificate[]> {
  const byUser = new Map<string, MemberCertificate[]>();
  for (const { userId, certificate } of entries ?? []) byUser.set(userId, [...(byUser.get(userId) ?? []), certificate as MemberCertificate]);
  return byUser;
}

/** The readable part of a full sync, opened lazily with `reader`'s keys. */
export class ReadableVaults {
  readonly vaults: Vault[];
  readonly folders: Folder[];
  readonly items: Item[];
  #sync: SyncResponse;
  #reader: Reader;
  #certificates: Map<string, MemberCertificate[]>;
  #retired: Map<string, MemberCertificate[]>;
  #keys = new Map<string, Promise<HeldVaultKey>>();

  constructor(sync: SyncResponse, reader: Reader) {
    this.#sync = sync;
    this.#reader = reader;
    this.vaults = sync.vaults;
    this.folders = sync.folders.filter((folder) => folder.deletedAt === null);
    this.items = sync.items.filter((item) => item.deletedAt === null);
    this.#certificates = certificatesByUser(sync.certificates);
    this.#retired = certificatesByUser(sync.retiredCertificates);
  }

  /** The folder path of `folderId` from the vault's root (names), or [] at the root. */
  folderPath(folderId: string | null): Folder[] {
    const path: Folder[] = [];
    const seen = new Set<string>();
    for (let id = folderId; id !== null && !seen.has(id); ) {
      seen.add(id);
      const folder = this.folders.find((candidate) => candidate.id === id);
      if (!folder) break;
      path.unshift(folder);
      id = folder.parentId;
    }
    return path;
  }

  /** The clear value of one field of `item`, after its wrap and metadata MAC verified. */
  async reveal(item: Item, fieldId: string): Promise<string> {
    return revealField(item, await this.open(item), fieldId);
  }

  /** The item's entry key, after the vault key's wrap, the entry-key wrap and the metadata MAC verified. */
  async open(item: Item): Promise<{ entry: SymmetricKey }> {
    const vaultKey = await this.vaultKey(item.vaultId, item.entryKey.vaultKeyVersion);
    return openItem(item, vaultKey);
  }

  /** The vault key of that version, memoised; throws VaultKeyMissingError, CertificateError or AuthenticationError. */
  vaultKey(vaultId: string, version: number): Promise<HeldVaultKey> {
    const memo = `${vaultId}/${version}`;
    let opening = this.#keys.get(memo);
    if (!opening) {
      opening = this.#unwrap(vaultId, version);
      this.#keys.set(memo, opening);
    }
    return opening;
  }

  async #unwrap(vaultId: string, version: number): Promise<HeldVaultKey> {
    const { userId, keys, organisation } = this.#reader;
    const vault = this.vaults.find((candidate) => candidate.id === vaultId);
    const wrap = this.#sync.wraps.find((candidate) => candidate.kind === 'vault' && candidate.subjectId === vaultId && candidate.keyVersion === version && candidate.recipientId === userId);
    if (!wrap) {
      if (vault) throw new VaultKeyMissingError(vault);
      throw new CertificateError(`There is no key for vault ${vaultId}.`);
    }
    const open = async (certificate: MemberCertificate) => {
      const granter = await verifyCertificate(certificate, organisation.publicKey, { organisationId: organisation.id, userId: wrap.granterId });
      return openVaultKey({ vaultId, keyVersion: version, wrap, me: userId, privateKey: keys.encryption.privateKey, granter });
    };
    const [current] = this.#certificates.get(wrap.granterId) ?? [];
    if (!current) throw new CertificateError(`Nobody certified the member who shared vault ${vaultId}.`);
    try {
      return await open(current);
    } catch (error) {
      // A wrap signed before its granter's account recovery verifies against a certificate the
      // recovery retired (one the organisation key signed too); a forged wrap verifies against none.
      if (!(error instanceof AuthenticationError)) throw error;
      for (const retired of this.#retired.get(wrap.granterId) ?? []) {
        try {
          return await open(retired);
        } catch {
          // the next one, else the first error
        }
      }
      throw error;
    }
  }
}
