import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { InboxShare, newInboxShareSchema, newShortcutSchema, ReceivedShare, Shortcut, SyncedShortcut } from '../../lib/contract/entry-shares';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { InboxSharesTable, ItemShortcutsTable, Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { FoldersService } from '../folders/folders.service';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { Action } from '../access/levels';
import { requireRight } from '../access/require-right';
import { rightsOf } from '../access/rights.repository';
import type { VaultRights } from '../access/vault-rights';
import { itemOf } from '../items/item-row';
import { itemsRepository, type StoredItem } from '../items/items.repository';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import { entrySharesRepository, type ShortcutWithItem } from './entry-shares.repository';

// Sharing one entry (docs/access-control.md, "Sharing one entry"). Sharing is `shareEntries` (full
// access) where the entry is; a shortcut also needs `createEntries` where it goes, and is read by
// whoever may read entries there. The server checks who and where; the wraps it cannot check are
// checked by the clients (lib/vault/entry-shares.ts).

export interface EntrySharesDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  folders: FoldersService;
  now: () => number;
}

const shortcutPlace = (id: string) => ({ table: 'item_shortcuts', column: 'wrap', rowId: id });
const inboxPlace = (id: string) => ({ table: 'inbox_shares', column: 'wrap', rowId: id });

/** The shortcuts of a sync: those the caller may read where they are placed, and (for a delta) those whose entry went to the trash, as removed. */
export function shortcutsForSync(sealer: Sealer, rows: ShortcutWithItem[], rights: VaultRights): { shortcuts: SyncedShortcut[]; trashed: string[] } {
  const readable = rows.filter(({ shortcut }) => rights.allows(shortcut.vault_id, shortcut.folder_id, 'readEntries'));
  return {
    shortcuts: readable.filter(({ item }) => item.deleted_at === null).map(({ shortcut, item }) => ({ ...shortcutView(sealer, shortcut), item: itemOf(sealer, item) })),
    trashed: readable.filter(({ item }) => item.deleted_at !== null).map(({ shortcut }) => shortcut.id),
  };
}

function shortcutView(sealer: Sealer, row: ItemShortcutsTable): Shortcut {
  return { id: row.id, itemId: row.item_id, vaultId: row.vault_id, folderId: row.folder_id, keyVersion: row.key_version, wrapped: sealer.open(row.wrap, shortcutPlace(row.id)).toString(), createdBy: row.created_by, createdAt: row.created_at };
}

function inboxView(row: InboxSharesTable, recipientLogin: string): InboxShare {
  return { id: row.id, itemId: row.item_id, recipientId: row.recipient_id, recipientLogin, senderId: row.sender_id, createdAt: row.created_at };
}

export function entrySharesService(deps: EntrySharesDeps) {
  const shares = entrySharesRepository(deps.db);
  const items = itemsRepository(deps.db);

  const record = (type: string, actorId: string, item: Pick<StoredItem, 'id' | 'vault_id'>, client: ClientInfo, details: Record<string, unknown>) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target: { type: 'item', id: item.id }, vaultId: item.vault_id, ip: client.ip, browserMode: client.browserMode, details });

  /** The entry, once the caller's right where it is allows `action`; 404 for entries they cannot see. */
  async function reachable(userId: string, itemId: string, action: Action): Promise<StoredItem> {
    const item = await items.byId(itemId);
    if (!item) throw new ApiError('notFound', { detail: 'no such item' });
    requireRight(await rightsOf(deps.db, userId, [item.vault_id]), item.vault_id, item.folder_id, action, 'item');
    return item;
  }

  /** The entry to share: the caller may share it, and it is not in the trash. */
  async function shareable(userId: string, itemId: string): Promise<StoredItem> {
    const item = await reachable(userId, itemId, 'shareEntries');
    if (item.deleted_at !== null) throw new ApiError('conflict', { detail: 'the item is in the trash' });
    return item;
  }

  return {
    async list(userId: string, itemId: string) {
      await reachable(userId, itemId, 'shareEntries');
      const [shortcuts, inbox] = await Promise.all([shares.shortcutsOf(itemId), shares.inboxSharesOf(itemId)]);
      return { shortcuts: shortcuts.map((row) => shortcutView(deps.sealer, row)), inbox: inbox.map((row) => inboxView(row, row.recipient_login)) };
    },

    async createShortcut(userId: string, itemId: string, input: z.infer<typeof newShortcutSchema>, client: ClientInfo): Promise<Shortcut> {
      const item = await shareable(userId, itemId);
      // In its own vault the entry is listed already; a shortcut there would only duplicate it.
      if (input.vaultId === item.vault_id) throw new ApiError('validationFailed', { field: 'body.vaultId', detail: 'a shortcut goes into another vault' });
      requireRight(await rightsOf(deps.db, userId, [input.vaultId]), input.vaultId, input.folderId, 'createEntries', input.folderId === null ? 'vault' : 'folder');
      const vault = await vaultsRepository(deps.db, deps.sealer).byId(input.vaultId);
      if (!vault) throw new ApiError('notFound', { field: 'body.vaultId', detail: 'no such vault' });
      if (input.keyVersion !== vault.key_version) throw new ApiError('conflict', { field: 'body.keyVersion', detail: `the vault key is at version ${vault.key_version}` });
      if (input.folderId) await deps.folders.liveParent(input.vaultId, input.folderId, 'body.folderId');
      if (await shares.shortcut(input.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      const replaced = input.replaces ? await shares.shortcut(input.replaces) : undefined;
      if (input.replaces && (!replaced || replaced.item_id !== itemId || replaced.vault_id !== input.vaultId || replaced.folder_id !== input.folderId)) throw new ApiError('notFound', { field: 'body.replaces', detail: 'no shortcut to this item at this place' });
      if (!replaced && (await shares.shortcutAt(itemId, input.vaultId, input.folderId))) throw new ApiError('conflict', { detail: 'a shortcut to this item is there already' });
      const row = await changeTransaction(deps.db, async (trx, changeSeq) => {
        // The one it replaces goes in the same change: its readers drop it and get this one.
        if (replaced) await entrySharesRepository(trx).removeShortcut(replaced, changeSeq);
        const made: ItemShortcutsTable = {
          id: input.id,
          item_id: itemId,
          vault_id: input.vaultId,
          folder_id: input.folderId,
          key_version: input.keyVersion,
          wrap: deps.sealer.seal(input.wrapped, shortcutPlace(input.id)),
          created_by: userId,
          created_at: deps.now(),
          change_seq: changeSeq,
        };
        await entrySharesRepository(trx).insertShortcut(made);
        return made;
      });
      await record('shortcut.created', userId, item, client, { shortcutId: row.id, targetVaultId: row.vault_id, targetFolderId: row.folder_id, ...(replaced ? { replaces: replaced.id } : {}) });
      return shortcutView(deps.sealer, row);
    },

    /** Its placer may always take it away; anyone else needs to edit entries where it is placed. */
    async deleteShortcut(userId: string, shortcutId: string, client: ClientInfo): Promise<void> {
      const shortcut = await shares.shortcut(shortcutId);
      if (!shortcut) throw new ApiError('notFound', { detail: 'no such shortcut' });
      if (shortcut.created_by !== userId) requireRight(await rightsOf(deps.db, userId, [shortcut.vault_id]), shortcut.vault_id, shortcut.folder_id, 'editEntries', 'shortcut');
      await changeTransaction(deps.db, (trx, changeSeq) => entrySharesRepository(trx).removeShortcut(shortcut, changeSeq));
      const item = (await items.byId(shortcut.item_id))!;
      await record('shortcut.deleted', userId, item, client, { shortcutId, targetVaultId: shortcut.vault_id, targetFolderId: shortcut.folder_id });
    },

    async send(userId: string, itemId: string, input: z.infer<typeof newInboxShareSchema>, client: ClientInfo): Promise<InboxShare> {
      const item = await shareable(userId, itemId);
      const { wrap } = input;
      // The recipient checks all of this again; the server refuses what no recipient would accept.
      if (wrap.subjectId !== itemId || wrap.recipientId !== input.recipientId || wrap.granterId !== userId) throw new ApiError('validationFailed', { field: 'body.wrap', detail: 'the wrap names another item, recipient or sender' });
      if (input.recipientId === userId) throw new ApiError('validationFailed', { field: 'body.recipientId', detail: 'send it to someone else' });
      const recipient = await deps.db.selectFrom('users').select(['login', 'status', 'certificate']).where('id', '=', input.recipientId).executeTakeFirst();
      if (!recipient || recipient.status !== 'active' || !recipient.certificate) throw new ApiError('notFound', { field: 'body.recipientId', detail: 'no such certified member' });
      if (await shares.inboxShare(input.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      const row: InboxSharesTable = { id: input.id, item_id: itemId, recipient_id: input.recipientId, sender_id: userId, wrap: deps.sealer.seal(JSON.stringify(wrap), inboxPlace(input.id)), created_at: deps.now() };
      await shares.insertInboxShare(row);
      await record('inbox.sent', userId, item, client, { shareId: row.id, recipientId: row.recipient_id });
      return inboxView(row, recipient.login);
    },

    async received(userId: string): Promise<ReceivedShare[]> {
      const rows = await shares.received(userId);
      return rows
        .filter((row) => row.senderCertificate !== null)
        .map(({ share, item, senderLogin, senderCertificate }) => ({
          id: share.id,
          itemId: share.item_id,
          senderId: share.sender_id,
          senderLogin,
          senderCertificate: JSON.parse(senderCertificate!) as MemberCertificate,
          createdAt: share.created_at,
          wrap: JSON.parse(deps.sealer.open(share.wrap, inboxPlace(share.id)).toString()) as ReceivedShare['wrap'],
          item: itemOf(deps.sealer, item),
        }));
    },

    /** The recipient dismisses, the sender revokes; so may whoever manages access where the entry is (404 for anyone who cannot read it there). */
    async removeInboxShare(userId: string, shareId: string, client: ClientInfo): Promise<void> {
      const share = await shares.inboxShare(shareId);
      if (!share) throw new ApiError('notFound', { detail: 'no such share' });
      const item = (await items.byId(share.item_id))!;
      if (share.recipient_id !== userId && share.sender_id !== userId) {
        const rights = await rightsOf(deps.db, userId, [item.vault_id]);
        requireRight(rights, item.vault_id, item.folder_id, 'readEntries', 'share');
        requireRight(rights, item.vault_id, item.folder_id, 'manageAccess', 'share');
      }
      await shares.removeInboxShare(shareId);
      await record(share.recipient_id === userId ? 'inbox.dismissed' : 'inbox.revoked', userId, item, client, { shareId, recipientId: share.recipient_id });
    },
  };
}

export type EntrySharesService = ReturnType<typeof entrySharesService>;
