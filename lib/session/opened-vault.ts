import type { z } from 'zod';
import type { ListRequest } from '../cache/entry-listing';
import type { VaultTree } from '../cache/vault-tree';
import type { SyncResponse } from '../contract/sync';
import type { meSchema, SealedUserKeys } from '../contract/users';
import type { KdfParams, MasterKey } from '../crypto/kdf';
import type { UserKeys } from '../crypto/user-keys';
import type { EntriesReply, EntryView, ListReply, RevisionInfo } from '../messages/protocol';
import type { ItemInput, ItemRecord } from '../vault/item';
import type { Attachment } from '../contract/attachments';
import type { RewrappedAttachment } from '../contract/items';
import type { HealthEntry } from '../vault/password-health';
import type { EquivalentDomains } from '../vault/matching/equivalent-domains';
import type { SiteMatch } from '../vault/matching/match-index';
import type { TotpParams } from '../vault/totp';
import type { Granter, HeldVaultKey } from '../vault/vault-keys';
import type { CertifiedMember, MemberCertificate } from '../crypto/certificates';
import type { Bytes } from '../crypto/primitives';
import type { SymmetricKey } from '../crypto/symmetric';
import type { ReceivedShare, SyncedShortcut } from '../contract/entry-shares';

// What the session needs from the offline cache, vault index and keyring, named by what the worker
// does with them; lib/cache provides them (see vault-cache-access.ts).

/** The account a cache belongs to. */
export interface CacheOwner {
  serverUrl: string;
  userId: string;
  login: string;
  /** The organisation key fingerprint this device pinned. */
  organisationFingerprint: string;
}

/** What unlock needs besides the master key, kept with the cache so unlock works offline. */
export interface AccountMaterial {
  kdf: KdfParams;
  sealedKeys: Pick<SealedUserKeys, 'encryptionKey' | 'signingKey'>;
  me: z.infer<typeof meSchema>;
}

/** The decrypted index and lazily opened keys of one unlocked account. */
export interface OpenedVault {
  search(query: string, options: { currentUrl?: string; limit: number }): EntriesReply;
  /** The vault page's navigation: vaults, nested folders, tags, with their entry counts. */
  tree(): Promise<VaultTree>;
  /** The live entries whose URLs match the page, best first (not verified yet: a fill reads the chosen one again). */
  siteMatches(pageUrl: string, equivalents: EquivalentDomains): SiteMatch[];
  /** One window of the vault page's entry list. */
  list(request: ListRequest, offset: number, limit: number): ListReply;
  /** The entry's login, after its metadata MAC verified. */
  revealLogin(itemId: string): Promise<string>;
  /** The entry's first password field, decrypted after its metadata MAC verified. */
  revealPassword(itemId: string): Promise<string>;
  /** The entry with its fields named (text fields decrypted), after its metadata MAC verified. */
  read(itemId: string): Promise<EntryView>;
  /** One field's value, decrypted after the entry's metadata MAC verified. */
  revealField(itemId: string, fieldId: string): Promise<string>;
  /** The id of the entry's first password field, or null when it has none. */
  passwordFieldId(itemId: string): Promise<string | null>;
  /** A new entry in `vaultId`, sealed under a fresh entry key wrapped by the vault's key. */
  sealNew(vaultId: string, input: ItemInput): Promise<ItemRecord>;
  /**
   * The entry's next revision with `input` (a field whose value is null keeps its value), after its
   * metadata MAC verified; in another vault, its entry key re-wrapped there and every field re-bound.
   */
  sealEdit(itemId: string, vaultId: string, input: EntryEdit, baseRevision: number): Promise<{ record: ItemRecord; moved: boolean }>;
  /**
   * The entry's history from the server's kept revisions (newest first): each opened with the entry's
   * own key and its MAC verified, compared with the next one. `userId` tells the user's own saves.
   */
  history(itemId: string, snapshots: { item: ItemRecord; at: number; by: string }[], userId: string): Promise<RevisionInfo[]>;
  /** The entry's next revision with a kept revision's content (a restore is a save). */
  sealRestore(itemId: string, snapshot: ItemRecord): Promise<ItemRecord>;
  /**
   * After a rotation: the entry's next revision under the vault's current key and a fresh entry
   * key, with `attachments` (every file stored for it, as served) re-wrapped under that key; null
   * when it is under the current key already.
   */
  sealRekey(itemId: string, attachments?: Attachment[]): Promise<(ItemRecord & { attachments: RewrappedAttachment[] }) | null>;
  /** The live entries (not in the trash) that have a password field, as last synced: for the password report. */
  passwordEntries(): HealthEntry[];
  /** The ids of every cached entry of a vault, the trash included. */
  itemIdsIn(vaultId: string): string[];
  /** The names of those of `itemIds` in the decrypted index (trash included); the others are left out. */
  entryNames(itemIds: string[]): Map<string, string>;
  /** The vault's current key from the user's own wrap, its granter verified (to wrap it to a member). */
  vaultKey(vaultId: string): Promise<HeldVaultKey>;
  /** `certificate` verified against the pinned organisation key as `userId`'s; throws otherwise. */
  certify(certificate: MemberCertificate, userId: string): Promise<CertifiedMember>;
  /** Who signs the wraps this device makes: the user and their signing key. */
  granter(): Granter;
  /** The entry and its entry key, after its metadata MAC verified (to share it). */
  entryKeyOf(itemId: string): Promise<{ record: ItemRecord; entryKey: Bytes }>;
  /** The shortcuts placed where the user may read, as last synced. */
  shortcuts(): Promise<SyncedShortcut[]>;
  /** A shortcut's entry opened with the key it holds; throws StaleShareError once that key no longer opens it. */
  openShortcut(shortcutId: string): Promise<{ record: ItemRecord; entry: SymmetricKey }>;
  /** An inbox share's entry, once its sender's certificate, signature and binding verify; throws StaleShareError for a key changed since. */
  openInboxShare(share: ReceivedShare): Promise<{ record: ItemRecord; entry: SymmetricKey }>;
  /** The entry's TOTP configuration, decrypted after its metadata MAC verified. */
  totp(itemId: string): Promise<TotpParams>;
  applySync(response: SyncResponse): Promise<void>;
  cursor(): string | null;
  /** Store the cache key under a new master key (master password change). */
  rewrap(masterKey: MasterKey, material: AccountMaterial): Promise<void>;
  close(): void;
}

/** An entry as edited: ItemInput, except that a field the editor never read keeps its value (null). */
export type EntryEdit = Omit<ItemInput, 'fields'> & { fields: (Omit<ItemInput['fields'][number], 'value'> & { value: string | null })[] };

/** The private keys the master key opened and the pinned organisation key. */
export interface OpenedKeys {
  userKeys: UserKeys;
  organisationKey: CryptoKey;
}

/** The cache of every account on this device. */
export interface VaultCacheAccess {
  /** The KDF record, sealed keys and `me` kept with this account's cache, or null when there is no cache yet. */
  cachedMaterial(owner: CacheOwner): Promise<AccountMaterial | null>;
  /**
   * Opens the cache with the keys the master key opened; throws when it does not belong to them.
   * Both may still be in the making: the disk reads start at once and overlap the KDF.
   */
  open(owner: CacheOwner, masterKey: Promise<MasterKey>, keys: Promise<OpenedKeys>): Promise<OpenedVault>;
  /** Makes a new, empty cache for this account (first unlock on this device). */
  create(owner: CacheOwner, masterKey: MasterKey, material: AccountMaterial, keys: OpenedKeys): Promise<OpenedVault>;
  /** Deletes this account's cache (sign-out, or a cache the master password no longer opens). */
  forget(owner: CacheOwner): Promise<void>;
}
