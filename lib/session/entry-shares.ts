import { ApiRequestError, type ApiClient } from '../api/client';
import { createShortcutRoute, deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, sendToInboxRoute, type ReceivedShare } from '../contract/entry-shares';
import { sameFingerprint } from '../crypto/fingerprints';
import type { EntrySharesView, EntryView, InboxRow, ShortcutRow } from '../messages/protocol';
import { StaleShareError, wrapForInbox, wrapForShortcut } from '../vault/entry-shares';
import { revealField, type ItemRecord } from '../vault/item';
import { newId } from '../vault/owner-setup';
import type { OpenedVault } from './opened-vault';
import { SessionError } from './session-error';
import { entryView, hostOf } from './vault-caches';
import { certifiedMember } from './vault-sharing';

// Sharing one entry, as the worker does it for the vault page (docs/access-control.md, "Sharing one
// entry"). A shortcut wraps the entry key under the target vault's current key, which this user
// holds; an inbox share wraps it to the recipient's key only once their certificate verifies
// against the pinned organisation key and its fingerprint is the one the user was shown. What
// arrives is opened only after the wraps, signatures and the entry's MAC verify.

/** An entry's shortcuts (with the target vault's name when this user sees it) and inbox shares. */
export async function entryShares(api: ApiClient, vault: OpenedVault, itemId: string): Promise<EntrySharesView> {
  const [{ shortcuts, inbox }, tree] = await Promise.all([api.call(listEntrySharesRoute, { params: { id: itemId } }), vault.tree()]);
  const names = new Map(tree.vaults.map((node) => [node.id, node.name]));
  return {
    shortcuts: shortcuts.map(({ id, vaultId, folderId, createdAt }) => ({ id, vaultId, vaultName: names.get(vaultId) ?? null, folderId, createdAt })),
    inbox: inbox.map(({ id, recipientLogin, createdAt }) => ({ id, recipientLogin, createdAt })),
  };
}

/** Places a shortcut to the entry in a folder of another vault: its entry key wrapped by that vault's current key. */
export async function placeShortcut(api: ApiClient, vault: OpenedVault, input: { itemId: string; vaultId: string; folderId: string | null; replaces?: string }): Promise<string> {
  const { entryKey } = await vault.entryKeyOf(input.itemId);
  const target = await vault.vaultKey(input.vaultId);
  const id = newId();
  const wrapped = await wrapForShortcut({ shortcutId: id, itemId: input.itemId, vault: target }, entryKey);
  const replaces = input.replaces ? { replaces: input.replaces } : {};
  await api.call(createShortcutRoute, { params: { id: input.itemId }, body: { id, vaultId: input.vaultId, folderId: input.folderId, keyVersion: target.version, wrapped, ...replaces } });
  return id;
}

/**
 * After `vaultId`'s entries were re-keyed: each shortcut to one of them that this user sees (placed
 * where they may read) and that no longer opens is placed again under the entry's fresh key,
 * replacing the old one. Returns how many. One the server refuses (no edit there) stays as it is,
 * and so do shortcuts placed where this user cannot read: their readers are told to ask again.
 */
export async function reshareShortcuts(api: ApiClient, vault: OpenedVault, vaultId: string): Promise<number> {
  const entries = new Set(vault.itemIdsIn(vaultId));
  let reshared = 0;
  for (const shortcut of (await vault.shortcuts()).filter((candidate) => entries.has(candidate.itemId))) {
    const opens = await vault.openShortcut(shortcut.id).then(
      () => true,
      () => false,
    );
    if (opens) continue;
    try {
      await placeShortcut(api, vault, { itemId: shortcut.itemId, vaultId: shortcut.vaultId, folderId: shortcut.folderId, replaces: shortcut.id });
      reshared++;
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
    }
  }
  return reshared;
}

export async function removeShortcut(api: ApiClient, shortcutId: string): Promise<void> {
  await api.call(deleteShortcutRoute, { params: { id: shortcutId } });
}

/** The shortcuts placed in a vault's folder (null: its root), by name; `stale` when the key they hold does not open the entry here. */
export async function shortcutsIn(vault: OpenedVault, vaultId: string, folderId: string | null): Promise<ShortcutRow[]> {
  const here = (await vault.shortcuts()).filter((shortcut) => shortcut.vaultId === vaultId && shortcut.folderId === folderId);
  const rows = await Promise.all(
    here.map(async (shortcut) => {
      // A fresh entry key since, or a key version of the target vault this user never held (they
      // joined after a rotation): either way it cannot open here, and sharing it again mends it.
      const stale = await vault.openShortcut(shortcut.id).then(
        () => false,
        () => true,
      );
      const { id, itemId, item } = shortcut;
      return { id, itemId, vaultId, folderId, name: item.name, login: item.login, host: hostOf(item.urls[0]?.url), stale };
    }),
  );
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** A shortcut's entry, read-only, once it opens; StaleShareError when it needs to be shared again. */
export async function readShortcut(vault: OpenedVault, shortcutId: string): Promise<EntryView> {
  const { record, entry } = await vault.openShortcut(shortcutId);
  const item = record as ItemRecord & { updatedAt: number };
  return entryView(record, entry, { updatedAt: item.updatedAt, deletedAt: null });
}

export async function revealShortcutField(vault: OpenedVault, shortcutId: string, fieldId: string): Promise<string> {
  const { record, entry } = await vault.openShortcut(shortcutId);
  if (!record.fields.some((field) => field.id === fieldId)) throw new SessionError('notFound', `The entry has no field ${fieldId}.`);
  return revealField(record, { entry }, fieldId);
}

/**
 * Sends the entry to one member: the entry key wrapped to their certified key — only the key whose
 * fingerprint the user was shown — and signed by this user, naming the item and the recipient.
 */
export async function sendToInbox(api: ApiClient, vault: OpenedVault, input: { itemId: string; userId: string; fingerprint: string }): Promise<string> {
  const member = await certifiedMember(api, vault, input.userId);
  if (!sameFingerprint(member.encryptionFingerprint, input.fingerprint)) throw new SessionError('tampered', `The key of ${member.login} is not the one shown.`);
  const { entryKey } = await vault.entryKeyOf(input.itemId);
  const id = newId();
  const wrap = await wrapForInbox(input.itemId, entryKey, member, vault.granter());
  await api.call(sendToInboxRoute, { params: { id: input.itemId }, body: { id, recipientId: input.userId, wrap } });
  return id;
}

/** What was sent to the user, newest first, each checked: `problem` says why one cannot be opened. */
export async function inboxRows(api: ApiClient, vault: OpenedVault): Promise<{ rows: InboxRow[]; shares: ReceivedShare[] }> {
  const { shares } = await api.call(listInboxRoute);
  const rows = await Promise.all(
    shares.map(async (share): Promise<InboxRow> => {
      const problem = await vault.openInboxShare(share).then(
        () => null,
        (error: unknown) => (error instanceof StaleShareError ? ('stale' as const) : ('unverified' as const)),
      );
      const { id, itemId, senderLogin, createdAt, item } = share;
      return { id, itemId, senderLogin, createdAt, name: item.name, login: item.login, host: hostOf(item.urls[0]?.url), problem };
    }),
  );
  return { rows, shares };
}

/** One inbox share's entry, read-only, fetched again so it is the entry as it is now. */
export async function openReceived(api: ApiClient, vault: OpenedVault, shareId: string): Promise<{ share: ReceivedShare; record: ItemRecord; entry: Awaited<ReturnType<OpenedVault['openInboxShare']>>['entry'] }> {
  const { shares } = await api.call(listInboxRoute);
  const share = shares.find((candidate) => candidate.id === shareId);
  if (!share) throw new SessionError('notFound', 'This share is no longer in the inbox.');
  return { share, ...(await vault.openInboxShare(share)) };
}

export async function readReceived(api: ApiClient, vault: OpenedVault, shareId: string): Promise<EntryView> {
  const { share, record, entry } = await openReceived(api, vault, shareId);
  return entryView(record, entry, { updatedAt: share.item.updatedAt, deletedAt: null });
}

export async function revealReceivedField(api: ApiClient, vault: OpenedVault, shareId: string, fieldId: string): Promise<string> {
  const { record, entry } = await openReceived(api, vault, shareId);
  if (!record.fields.some((field) => field.id === fieldId)) throw new SessionError('notFound', `The entry has no field ${fieldId}.`);
  return revealField(record, { entry }, fieldId);
}

/** Dismisses (the recipient) or revokes (the sender, or a vault administrator) an inbox share. */
export async function removeInboxShare(api: ApiClient, shareId: string): Promise<void> {
  await api.call(deleteInboxShareRoute, { params: { id: shareId } });
}
