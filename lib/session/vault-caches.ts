import type { AccountProfile } from '../cache/account-profile';
import { verifyCertificate, type CertifiedMember, type MemberCertificate } from '../crypto/certificates';
import { openCacheDatabase, readCachedProfile, type CacheDatabase } from '../cache/cache-database';
import { listEntries } from '../cache/entry-listing';
import type { IndexEntry } from '../cache/index-entry';
import { Keyring } from '../cache/keyring';
import { createAccountCache, forgetAccount, openAccountCache, type AccountCache } from '../cache/offline-cache';
import { search } from '../cache/search';
import { siteMatcher } from '../cache/site-matches';
import { VaultIndex } from '../cache/vault-index';
import { vaultTree } from '../cache/vault-tree';
import { openItem, readInput, revealField, sealNewItem, sealRevision, type ItemInput, type ItemRecord } from '../vault/item';
import { AuthenticationError } from '../crypto/errors';
import { randomBytes } from '../crypto/bytes';
import type { Bytes } from '../crypto/primitives';
import { deriveSymmetricKey, type SymmetricKey } from '../crypto/symmetric';
import type { Attachment } from '../contract/attachments';
import type { RewrappedAttachment } from '../contract/items';
import { rewrapAttachment } from '../vault/attachment';
import { revisionChanges } from '../vault/revision-diff';
import { openSnapshot, restoreSnapshot } from '../vault/snapshot';
import { newId } from '../vault/owner-setup';
import type { EntryRow, EntryView, ListRow, RevisionInfo } from '../messages/protocol';
import type { AccountMaterial, CacheOwner, EntryEdit, OpenedKeys, OpenedVault, VaultCacheAccess } from './opened-vault';
import { SessionError } from './session-error';
import { openShared, unwrapInboxShare, unwrapShortcut } from '../vault/entry-shares';

// The session's view of lib/cache: one IndexedDB database per browser profile, and for the
// unlocked account its cache, the in-memory index built from it, and the keyring that verifies
// before it reveals.

function profileOf(owner: CacheOwner, material: AccountMaterial): AccountProfile {
  return {
    serverUrl: owner.serverUrl,
    userId: owner.userId,
    login: owner.login,
    kdf: material.kdf,
    keys: { encryption: material.sealedKeys.encryptionKey, signing: material.sealedKeys.signingKey },
    me: material.me,
    pinnedFingerprint: owner.organisationFingerprint,
  };
}

function materialOfProfile(profile: AccountProfile): AccountMaterial {
  return { kdf: profile.kdf, sealedKeys: { encryptionKey: profile.keys.encryption, signingKey: profile.keys.signing }, me: profile.me };
}

/** The host an entry's first URL names, for list rows; null when it has none or it does not parse. */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function listRow(entry: IndexEntry): ListRow {
  const { id, vaultId, folderId, name, login, tags, colour, favourite, hasPassword, hasTotp, updatedAt, deletedAt } = entry;
  return { id, vaultId, folderId, name, login, host: hostOf(entry.urls[0]?.url), tags, colour, favourite, hasPassword, hasTotp, updatedAt, deletedAt };
}

/** An opened entry as the vault page shows it: every field named, text fields decrypted (secrets only on demand). */
export async function entryView(record: ItemRecord, entry: SymmetricKey, when: { updatedAt: number; deletedAt: number | null }): Promise<EntryView> {
  const fields = await Promise.all(
    record.fields.map(async (field) => ({ id: field.id, type: field.type, label: field.label, value: field.type === 'text' ? await revealField(record, { entry }, field.id) : null })),
  );
  const { id, vaultId, folderId, revision, name, login, urls, tags, colour, description, favourite } = record;
  return { id, vaultId, folderId, revision, name, login, urls, tags, colour, description, favourite, ...when, fields };
}

function openedVault(cache: AccountCache, owner: CacheOwner, material: AccountMaterial, keys: OpenedKeys): OpenedVault {
  const index = new VaultIndex(cache.indexBlocks());
  const certified = new Map<string, Promise<CertifiedMember>>();
  const sites = siteMatcher(index);
  const keyring = new Keyring({ userId: owner.userId, keys: keys.userKeys, organisation: { id: material.me.organisationId, publicKey: keys.organisationKey }, cache });

  async function passwordFieldId(itemId: string): Promise<string | null> {
    const { record } = await keyring.verifiedItem(itemId);
    return record.fields.find((candidate) => candidate.type === 'password')?.id ?? null;
  }

  async function passwordFieldOf(itemId: string): Promise<string> {
    const fieldId = await passwordFieldId(itemId);
    if (!fieldId) throw new SessionError('notFound', 'This entry has no password.');
    return fieldId;
  }

  async function read(itemId: string): Promise<EntryView> {
    const { record, entry } = await keyring.verifiedItem(itemId);
    const listed = cache.entry(itemId);
    return entryView(record, entry, { updatedAt: listed?.updatedAt ?? 0, deletedAt: listed?.deletedAt ?? null });
  }

  /** `edit` with each unchanged field's value (null) taken from the entry as it is. */
  function withKeptValues(edit: EntryEdit, current: ItemInput): ItemInput {
    const values = new Map(current.fields.map((field) => [field.id, field.value]));
    const fields = edit.fields.map((field) => {
      const value = field.value ?? values.get(field.id);
      if (value === undefined) throw new SessionError('notFound', `The entry has no field ${field.id} to keep.`);
      return { ...field, value };
    });
    return { ...edit, fields };
  }

  /**
   * What an item's next revision in its own vault is sealed with: the vault's current key, and the
   * item's own entry key — unless the vault key was rotated since the item was sealed: then a fresh
   * one, since someone whose access was taken away may know the old (docs/access-control.md).
   */
  async function nextSealOf(record: ItemRecord) {
    const from = await keyring.openVault(record.vaultId, record.entryKey.vaultKeyVersion);
    const to = await keyring.openVault(record.vaultId);
    const opened = await openItem(record, from);
    return { opened, to, entryKey: to.version === from.version ? opened.entryKey : randomBytes(32) };
  }

  /**
   * A kept revision in clear: opened with the entry's current key, or — for one sealed before the
   * entry was re-keyed after a rotation — with its own entry key, from its own wrap under the vault
   * key version it names. Null when that version's key never reached this user.
   */
  async function openKept(snapshot: ItemRecord, entryKey: Bytes) {
    try {
      return await openSnapshot(snapshot, entryKey);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      const own = await keyring.openVault(snapshot.vaultId, snapshot.entryKey.vaultKeyVersion).catch(() => null);
      if (!own) return null;
      return openSnapshot(snapshot, (await openItem(snapshot, own)).entryKey);
    }
  }

  async function sealEdit(itemId: string, vaultId: string, edit: EntryEdit, baseRevision: number) {
    const { record } = await keyring.verifiedItem(itemId);
    // Saved from an older revision: sealing over this one would silently undo someone's change.
    if (record.revision !== baseRevision) throw new SessionError('conflict', `The entry is at revision ${record.revision}, the edit was made from ${baseRevision}.`);
    if (vaultId !== record.vaultId) {
      // Another vault: the same entry key, wrapped by that vault's key, every field bound there (a move).
      const from = await keyring.openVault(record.vaultId, record.entryKey.vaultKeyVersion);
      const opened = await openItem(record, from);
      const input = withKeptValues(edit, await readInput(record, opened));
      return { record: await sealRevision(await keyring.openVault(vaultId), record.id, record.revision + 1, opened.entryKey, input), moved: true };
    }
    const { opened, to, entryKey } = await nextSealOf(record);
    const input = withKeptValues(edit, await readInput(record, opened));
    return { record: await sealRevision(to, record.id, record.revision + 1, entryKey, input), moved: false };
  }

  async function history(itemId: string, snapshots: { item: ItemRecord; at: number; by: string }[], userId: string): Promise<RevisionInfo[]> {
    const { record } = await keyring.verifiedItem(itemId);
    const opened = await openItem(record, await keyring.openVault(record.vaultId, record.entryKey.vaultKeyVersion));
    const kept = await Promise.all(snapshots.map(async ({ item, at, by }) => ({ input: await openKept(item, opened.entryKey), revision: item.revision, at, by, current: false })));
    const versions = [
      ...kept.filter((version): version is typeof version & { input: ItemInput } => version.input !== null),
      { input: await readInput(record, opened), revision: record.revision, at: record.updatedAt, by: record.updatedBy, current: true },
    ].sort((a, b) => a.revision - b.revision);
    return versions
      .map((version, index) => {
        const previous = versions[index - 1];
        const changes = previous?.revision === version.revision - 1 ? revisionChanges(previous.input, version.input) : version.revision === 1 ? [] : null;
        return { revision: version.revision, at: version.at, byMe: version.by === userId, current: version.current, changes };
      })
      .reverse();
  }

  async function sealRestore(itemId: string, snapshot: ItemRecord): Promise<ItemRecord> {
    const { record } = await keyring.verifiedItem(itemId);
    const { opened, to, entryKey } = await nextSealOf(record);
    if (to.version === record.entryKey.vaultKeyVersion) return restoreSnapshot(record, to, snapshot);
    // The MAC would refuse another item's snapshot too; this gives the caller a clearer error.
    if (snapshot.id !== record.id) throw new RangeError('that snapshot belongs to another item');
    const content = await openKept(snapshot, opened.entryKey);
    if (!content) throw new SessionError('tampered', 'This revision was sealed under a vault key this account never held.');
    const { itemId: _itemId, vaultId: _vaultId, revision: _revision, ...input } = content;
    return sealRevision(to, record.id, record.revision + 1, entryKey, { ...input, folderId: record.folderId });
  }

  /**
   * The item re-keyed after a rotation (null when it is under the current key already): the next
   * revision, same content and place, a fresh entry key; its files' keys, verified under the entry
   * key they are wrapped by now, wrapped again under the fresh one.
   */
  async function sealRekey(itemId: string, attachments: Attachment[] = []): Promise<(ItemRecord & { attachments: RewrappedAttachment[] }) | null> {
    const { record } = await keyring.verifiedItem(itemId);
    const { opened, to, entryKey } = await nextSealOf(record);
    if (to.version === record.entryKey.vaultKeyVersion) return null;
    if (attachments.some((attachment) => attachment.itemId !== itemId)) throw new SessionError('tampered', `The server listed another entry's files for ${itemId}.`);
    const next = await deriveSymmetricKey(entryKey);
    const rewrapped = await Promise.all(attachments.map((attachment) => rewrapAttachment(opened.entry, next, attachment)));
    return { ...(await sealRevision(to, record.id, record.revision + 1, entryKey, await readInput(record, opened))), attachments: rewrapped };
  }

  function certify(certificate: MemberCertificate, userId: string): Promise<CertifiedMember> {
    // Every panel open lists the whole organisation: each certificate is verified once per unlock.
    const key = `${userId}\n${JSON.stringify(certificate)}`;
    let verifying = certified.get(key);
    if (!verifying) {
      verifying = verifyCertificate(certificate, keys.organisationKey, { organisationId: material.me.organisationId, userId });
      certified.set(key, verifying);
      verifying.catch(() => certified.delete(key));
    }
    return verifying;
  }

  return {
    history,
    sealRestore,
    sealRekey,
    passwordEntries: () => [...cache.readIndex()].filter((entry) => entry.hasPassword && entry.deletedAt === null).map(({ id, vaultId, name, login, urls, updatedAt }) => ({ id, vaultId, name, login, urls, updatedAt })),
    itemIdsIn: (vaultId) => [...cache.readIndex()].filter((entry) => entry.vaultId === vaultId).map((entry) => entry.id),
    entryNames(itemIds) {
      const wanted = new Set(itemIds);
      return new Map([...cache.readIndex()].filter((entry) => wanted.has(entry.id)).map((entry) => [entry.id, entry.name]));
    },
    async sealNew(vaultId, input) {
      return sealNewItem(await keyring.openVault(vaultId), newId(), input);
    },
    sealEdit,
    search(query, options) {
      const result = search(index, query, { limit: options.limit, currentUrl: options.currentUrl ?? null });
      const rows: EntryRow[] = result.hits.map(({ entry, site }) => ({
        id: entry.id,
        vaultId: entry.vaultId,
        name: entry.name,
        login: entry.login,
        host: hostOf(entry.urls[0]?.url),
        hasPassword: entry.hasPassword,
        hasTotp: entry.hasTotp,
        favourite: entry.favourite,
        currentSite: site !== null,
      }));
      return { rows, total: result.total };
    },
    async tree() {
      return vaultTree(await cache.readDirectory(), cache.readIndex());
    },
    siteMatches: (pageUrl, equivalents) => sites.matches(pageUrl, equivalents),
    list(request, offset, limit) {
      const window = listEntries(index, request, offset, limit);
      return { rows: window.entries.map(listRow), total: window.total };
    },
    read,
    vaultKey: (vaultId) => keyring.openVault(vaultId),
    certify,
    granter: () => ({ userId: owner.userId, signingKey: keys.userKeys.signing.privateKey }),
    async entryKeyOf(itemId) {
      const { record } = await keyring.verifiedItem(itemId);
      const opened = await openItem(record, await keyring.openVault(record.vaultId, record.entryKey.vaultKeyVersion));
      return { record, entryKey: opened.entryKey };
    },
    async shortcuts() {
      return (await cache.readDirectory()).shortcuts ?? [];
    },
    async openShortcut(shortcutId) {
      const shortcut = ((await cache.readDirectory()).shortcuts ?? []).find((candidate) => candidate.id === shortcutId);
      if (!shortcut) throw new SessionError('notFound', 'No such shortcut.');
      const vault = await keyring.openVault(shortcut.vaultId, shortcut.keyVersion);
      const entryKey = await unwrapShortcut({ shortcutId, itemId: shortcut.itemId, vault }, shortcut.wrapped);
      const record = shortcut.item as ItemRecord;
      return { record, entry: (await openShared(record, shortcut.itemId, entryKey)).entry };
    },
    async openInboxShare(share) {
      // The sender as the organisation certified them: a key the server swapped in fails here.
      const sender = await certify(share.senderCertificate as MemberCertificate, share.senderId);
      const entryKey = await unwrapInboxShare(share.wrap, { itemId: share.itemId, me: owner.userId, senderId: share.senderId }, keys.userKeys.encryption.privateKey, sender);
      const record = share.item as ItemRecord;
      return { record, entry: (await openShared(record, share.itemId, entryKey)).entry };
    },
    revealField: (itemId, fieldId) => keyring.revealField(itemId, fieldId),
    passwordFieldId,
    async revealLogin(itemId) {
      return (await keyring.verifiedItem(itemId)).record.login;
    },
    async revealPassword(itemId) {
      return keyring.revealField(itemId, await passwordFieldOf(itemId));
    },
    async totp(itemId) {
      const params = await keyring.totpFor(itemId);
      if (!params) throw new SessionError('notFound', 'This entry has no one-time code.');
      return params;
    },
    async applySync(response) {
      await cache.applySync(response);
      index.replaceBlocks(cache.indexBlocks());
    },
    cursor: () => cache.cursor,
    async rewrap(masterKey, next) {
      await cache.updateProfile(profileOf(owner, next), masterKey);
    },
    close() {
      certified.clear();
      keyring.close();
      cache.close();
    },
  };
}

/** The caches of this browser profile; `databaseName` keeps tests apart. */
export function createVaultCaches(databaseName?: string): VaultCacheAccess {
  let database: Promise<CacheDatabase> | null = null;
  const db = () => (database ??= openCacheDatabase(databaseName));

  return {
    async cachedMaterial(owner) {
      const profile = await readCachedProfile(await db(), owner);
      return profile ? materialOfProfile(profile) : null;
    },
    async open(owner, masterKey, keys) {
      const opening = openAccountCache(await db(), owner, masterKey);
      // Both settle before either is used, so a failure of one never leaves the other unobserved.
      const [cache, opened] = await Promise.all([opening, keys]);
      return openedVault(cache, owner, materialOfProfile(cache.profile), opened);
    },
    async create(owner, masterKey, material, keys) {
      const cache = await createAccountCache(await db(), profileOf(owner, material), masterKey);
      return openedVault(cache, owner, material, keys);
    },
    async forget(owner) {
      await forgetAccount(await db(), owner);
    },
  };
}
