import type { Item } from '../contract/items';
import { verifyCertificate, type MemberCertificate } from '../crypto/certificates';
import { AuthenticationError, CertificateError } from '../crypto/errors';
import type { SymmetricKey } from '../crypto/symmetric';
import type { UserKeys } from '../crypto/user-keys';
import { openItem, revealField } from '../vault/item';
import type { TotpParams } from '../vault/totp';
import { openVaultKey, type HeldVaultKey } from '../vault/vault-keys';
import { CacheClosedError, NotCachedError, VaultKeyPendingError } from './errors';
import type { VaultMaterial } from './directory';
import type { AccountCache } from './offline-cache';
import { parseTotpField } from './totp-field';

// The worker's keys after unlock, opened lazily: a vault key is unwrapped the first time something
// in that vault is copied, revealed or filled — after its wrap's signature verifies against a
// granter certified by the pinned organisation key — and kept until lock. Items are read from the
// offline cache one at a time and their metadata MAC checked before any value leaves this file,
// online or not.

/** What the keyring is opened with. */
export interface KeyringOptions {
  userId: string;
  keys: UserKeys;
  /** The organisation's public key, already checked against the pinned fingerprint (pinnedOrganisationKey). */
  organisation: { id: string; publicKey: CryptoKey };
  cache: AccountCache;
}

/** An item whose metadata MAC verified, with its entry key opened. */
export interface VerifiedItem {
  record: Item;
  entry: SymmetricKey;
}

/** Vault keys and item secrets on demand, for one unlocked account. */
export class Keyring {
  #options: KeyringOptions | null;
  #vaultKeys = new Map<string, Promise<HeldVaultKey>>();

  /** A keyring that opens nothing until asked. */
  constructor(options: KeyringOptions) {
    this.#options = options;
  }

  /**
   * The key of `vaultId` (its current version unless told), memoised. Throws VaultKeyPendingError
   * while there is no wrap for the user, CertificateError when its granter is not certified by the
   * organisation, AuthenticationError for a forged or misaddressed wrap.
   */
  async openVault(vaultId: string, keyVersion?: number): Promise<HeldVaultKey> {
    const version = keyVersion ?? (await this.#material(vaultId)).vault.keyVersion;
    const memoKey = `${vaultId}/${version}`;
    let opening = this.#vaultKeys.get(memoKey);
    if (!opening) {
      opening = this.#unwrap(vaultId, version);
      this.#vaultKeys.set(memoKey, opening);
      // A failure is not remembered: the next sync may bring the wrap or the certificate.
      opening.catch(() => this.#vaultKeys.delete(memoKey));
    }
    return opening;
  }

  /** The item from the cache once its entry-key wrap and metadata MAC verify (what autofill may trust). */
  async verifiedItem(itemId: string): Promise<VerifiedItem> {
    const record = await this.#ready().cache.readItem(itemId);
    if (!record) throw new NotCachedError(`Item ${itemId}`);
    const vault = await this.openVault(record.vaultId, record.entryKey.vaultKeyVersion);
    const { entry } = await openItem(record, vault);
    return { record, entry };
  }

  /** The clear value of one field (copy, reveal, fill), after the item's metadata MAC verifies. */
  async revealField(itemId: string, fieldId: string): Promise<string> {
    const { record, entry } = await this.verifiedItem(itemId);
    if (!record.fields.some((field) => field.id === fieldId)) throw new NotCachedError(`Field ${fieldId} of item ${itemId}`);
    return revealField(record, { entry }, fieldId);
  }

  /** The TOTP parameters of the item's first TOTP field, or null when it has none. */
  async totpFor(itemId: string): Promise<TotpParams | null> {
    const { record, entry } = await this.verifiedItem(itemId);
    const field = record.fields.find((candidate) => candidate.type === 'totp');
    return field ? parseTotpField(await revealField(record, { entry }, field.id)) : null;
  }

  /** Forgets every key (lock); any later call throws CacheClosedError. */
  close(): void {
    this.#options = null;
    this.#vaultKeys.clear();
  }

  #ready(): KeyringOptions {
    if (!this.#options) throw new CacheClosedError();
    return this.#options;
  }

  async #material(vaultId: string): Promise<VaultMaterial> {
    const material = await this.#ready().cache.readVaultMaterial(vaultId);
    if (!material) throw new NotCachedError(`Vault ${vaultId}`);
    return material;
  }

  async #unwrap(vaultId: string, version: number): Promise<HeldVaultKey> {
    const { userId, keys, organisation } = this.#ready();
    const material = await this.#material(vaultId);
    const wrap = material.wraps.find((candidate) => candidate.keyVersion === version && candidate.recipientId === userId);
    if (!wrap) throw new VaultKeyPendingError(vaultId);
    const certificate = material.certificates.get(wrap.granterId);
    if (!certificate) throw new CertificateError(`Nobody certified the member who shared vault ${vaultId}.`);
    const open = async (by: MemberCertificate) => {
      const granter = await verifyCertificate(by, organisation.publicKey, { organisationId: organisation.id, userId: wrap.granterId });
      return openVaultKey({ vaultId, keyVersion: version, wrap, me: userId, privateKey: keys.encryption.privateKey, granter });
    };
    try {
      return await open(certificate);
    } catch (error) {
      // A wrap signed before its granter's account recovery verifies against the certificate the
      // recovery retired (still one the organisation key signed); a forged wrap verifies against none.
      if (!(error instanceof AuthenticationError)) throw error;
      for (const retired of material.retired.get(wrap.granterId) ?? []) {
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
