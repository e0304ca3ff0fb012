import type { Kysely, Transaction } from 'kysely';
import type { RekeyItem, SealedItem } from '../../lib/contract/items';
import { rewrapAttachments } from '../attachments/attachment-rewraps';
import { attachmentsRepository } from '../attachments/attachments.repository';
import type { Reader } from '../db/database';
import type { ItemsTable, Tables } from '../db/tables';
import type { EventsRepository, NewEvent } from '../events/events.repository';
import type { FoldersService } from '../folders/folders.service';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { Action } from '../access/levels';
import { requireRight } from '../access/require-right';
import { rightsOf } from '../access/rights.repository';
import { entrySharesRepository } from '../entry-shares/entry-shares.repository';
import { changeTransaction } from '../vaults/transact';
import { vaultsRepository } from '../vaults/vaults.repository';
import { itemOf, itemRow, openRevision, sealRevision, sealedPart } from './item-row';
import type { ItemTexts } from './item-texts';
import { itemForUser, itemStampForUser, itemsRepository, type ItemRead, type StampedItem, type StoredItem } from './items.repository';

export interface ItemsDeps {
  db: Kysely<Tables>;
  reader: Reader;
  sealer: Sealer;
  /** Shared with sync: one budget of kept item texts per process. */
  texts: ItemTexts;
  events: EventsRepository;
  folders: FoldersService;
  now: () => number;
}

/** What `items/search` accepts. */
export interface SearchInput {
  query?: string | undefined;
  tags?: string | undefined;
  vaultId?: string | undefined;
  folderId?: string | undefined;
  trash: 'exclude' | 'include' | 'only';
  limit: number;
}

/**
 * Items and their kept revisions. The server cannot check an item's MAC (it has no entry key); it
 * checks what it can — access, the next revision, the current vault key version, the folder — and
 * clients check the rest.
 */
export function itemsService(deps: ItemsDeps) {
  const items = itemsRepository(deps.db);
  const readForUser = itemForUser(deps.db, deps.reader);
  const readStampForUser = itemStampForUser(deps.db, deps.reader);
  const vaults = vaultsRepository(deps.db, deps.sealer);

  const eventOf = (type: string, actorId: string, item: Pick<ItemsTable, 'id' | 'vault_id'>, client: ClientInfo, details: Record<string, unknown> = {}): NewEvent => ({
    occurredAt: deps.now(),
    type,
    actor: { type: 'user', id: actorId },
    target: { type: 'item', id: item.id },
    vaultId: item.vault_id,
    ip: client.ip,
    browserMode: client.browserMode,
    details,
  });
  const record = (type: string, actorId: string, item: Pick<ItemsTable, 'id' | 'vault_id'>, client: ClientInfo, details: Record<string, unknown> = {}) => deps.events.append(eventOf(type, actorId, item, client, details));

  /** A read by a machine account: every one is an audit event (design.md §3). */
  const machineRead = (machineId: string, itemId: string, vaultId: string, client: ClientInfo, details: Record<string, unknown>) =>
    deps.events.append({ occurredAt: deps.now(), type: 'machine.read', actor: { type: 'machine', id: machineId }, target: { type: 'item', id: itemId }, vaultId, ip: client.ip, browserMode: client.browserMode, details });

  /** What `read` reads of the item, once the caller's right where it is allows `action`; 404 for items they cannot see. */
  async function reachableBy<Row>(read: ItemRead<Row>, userId: string, itemId: string, action: Action): Promise<Row> {
    const found = await read(itemId, userId);
    if (!found) throw new ApiError('notFound', { detail: 'no such item' });
    requireRight(found.rights, found.vaultId, found.folderId, action, 'item');
    return found.row;
  }

  /** The item, once the caller's right where it is allows `action`. */
  const reachable = (userId: string, itemId: string, action: Action): Promise<StampedItem> => reachableBy(readForUser, userId, itemId, action);

  /** Throws unless the caller may create entries where `input` files one. */
  async function requireCreate(userId: string, input: Pick<SealedItem, 'vaultId' | 'folderId'>): Promise<void> {
    requireRight(await rightsOf(deps.db, userId, [input.vaultId]), input.vaultId, input.folderId ?? null, 'createEntries');
  }

  /** What every write checks of the item a client sends, minus the vault; `at` names the item in the body. */
  function checkItem(input: SealedItem, expectedRevision: number, at = 'body'): void {
    if (input.revision !== expectedRevision) throw new ApiError('conflict', { field: `${at}.revision`, detail: `expected revision ${expectedRevision}` });
    if (new Set(input.fields.map((field) => field.id)).size !== input.fields.length) throw new ApiError('validationFailed', { field: `${at}.fields`, detail: 'field ids must be unique' });
  }

  /** The vault an item is written to, with its key at the version the item's entry key is wrapped by. */
  async function checkVault(vaultId: string, vaultKeyVersion: number, at = 'body'): Promise<void> {
    const vault = await vaults.byId(vaultId);
    if (!vault) throw new ApiError('notFound', { field: `${at}.vaultId`, detail: 'no such vault' });
    if (vaultKeyVersion !== vault.key_version) throw new ApiError('conflict', { field: `${at}.entryKey.vaultKeyVersion`, detail: `the vault key is at version ${vault.key_version}` });
  }

  /** What every write checks of the item a client sends. */
  async function checkWrite(input: SealedItem, expectedRevision: number): Promise<void> {
    checkItem(input, expectedRevision);
    await checkVault(input.vaultId, input.entryKey.vaultKeyVersion);
    if (input.folderId) await deps.folders.liveParent(input.vaultId, input.folderId, 'body.folderId');
  }

  /** The row a new item is stored as. */
  const newRow = (userId: string, input: SealedItem, now: number, changeSeq: number) => itemRow(deps.sealer, input, { userId, now, createdAt: now, changeSeq });

  /**
   * An edit under a newer vault key than the entry's carries a fresh entry key (clients make one, as
   * a re-key does), under which its files would no longer open: while it has files, only a re-key,
   * which re-wraps them, may move it to the newer vault key.
   */
  async function requireFilesKept(current: StoredItem, input: SealedItem): Promise<void> {
    if (input.entryKey.vaultKeyVersion === itemOf(deps.sealer, current).entryKey.vaultKeyVersion) return;
    if ((await attachmentsRepository(deps.db).ofItem(current.id, 'stored')).length === 0) return;
    throw new ApiError('attachmentsNotRewrapped', { field: 'body.entryKey', detail: 'the entry has files: re-key it (items/{id}/rekey) before editing it under the new vault key' });
  }

  /** Stores `input` over `current`, keeping `current` as a revision; 409 when someone saved first. */
  async function replace(userId: string, current: StoredItem, input: SealedItem, removedFromVault: string | null, keepTrash = false, alongside?: (trx: Transaction<Tables>) => Promise<void>) {
    const now = deps.now();
    const previous = sealedPart(itemOf(deps.sealer, current));
    return changeTransaction(deps.db, async (trx, changeSeq) => {
      const repository = itemsRepository(trx);
      const made = itemRow(deps.sealer, input, { userId, now, createdAt: current.created_at, changeSeq });
      const row = keepTrash ? { ...made, deleted_at: current.deleted_at } : made;
      if (!(await repository.replace(row, current.revision))) throw new ApiError('conflict', { field: 'body.revision', detail: 'someone saved this item first' });
      await repository.insertRevision({ item_id: current.id, revision: current.revision, vault_id: current.vault_id, record: sealRevision(deps.sealer, previous), created_at: current.updated_at, created_by: current.updated_by });
      if (removedFromVault) await vaultsRepository(trx, deps.sealer).recordRemoval({ changeSeq, kind: 'item', objectId: current.id, vaultId: removedFromVault, userId: null });
      await alongside?.(trx);
      return row;
    });
  }

  return {
    async create(userId: string, input: SealedItem, client: ClientInfo) {
      await requireCreate(userId, input);
      if (await items.byId(input.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'the id is taken' });
      await checkWrite(input, 1);
      const now = deps.now();
      const row = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const made = newRow(userId, input, now, changeSeq);
        await itemsRepository(trx).insert(made);
        return made;
      });
      await record('item.created', userId, row, client);
      return itemOf(deps.sealer, row);
    },

    /**
     * Creates items in one vault at once, all or none (an import): each checked as `create` checks
     * one, the caller's right checked once per place they are filed, stored in one transaction under
     * one change number and recorded in one chained append. Answers their ids in the order sent.
     */
    async createMany(userId: string, vaultId: string, inputs: SealedItem[], client: ClientInfo): Promise<string[]> {
      const rights = await rightsOf(deps.db, userId, [vaultId]);
      const places = new Set(inputs.map((input) => input.folderId ?? null));
      for (const folderId of places) requireRight(rights, vaultId, folderId, 'createEntries');
      const at = (index: number) => `body.items.${index}`;
      const ids = new Set<string>();
      inputs.forEach((input, index) => {
        if (input.vaultId !== vaultId) throw new ApiError('validationFailed', { field: `${at(index)}.vaultId`, detail: 'every item must name the vault of the path' });
        if (ids.has(input.id)) throw new ApiError('conflict', { field: `${at(index)}.id`, detail: 'the id is sent twice' });
        ids.add(input.id);
        checkItem(input, 1, at(index));
      });
      const taken = await items.existingIds([...ids]);
      if (taken.size > 0) {
        const index = inputs.findIndex((input) => taken.has(input.id));
        throw new ApiError('conflict', { field: `${at(index)}.id`, detail: 'the id is taken' });
      }
      const versions = [...new Set(inputs.map((input) => input.entryKey.vaultKeyVersion))];
      for (const version of versions) await checkVault(vaultId, version, at(inputs.findIndex((input) => input.entryKey.vaultKeyVersion === version)));
      for (const folderId of places) if (folderId) await deps.folders.liveParent(vaultId, folderId, `${at(inputs.findIndex((input) => input.folderId === folderId))}.folderId`);
      const now = deps.now();
      const rows = await changeTransaction(deps.db, async (trx, changeSeq) => {
        const made = inputs.map((input) => newRow(userId, input, now, changeSeq));
        await itemsRepository(trx).insertMany(made);
        return made;
      });
      await deps.events.appendAll(rows.map((row) => eventOf('item.created', userId, row, client)));
      return rows.map((row) => row.id);
    },

    /** One item as JSON text (see itemJson); when this version's text is kept, only its version and the caller's level are read. */
    /** The item as served; a machine account's read is recorded (`machine.read`) before it is sent. */
    async getJson(userId: string, itemId: string, machineClient?: ClientInfo): Promise<string> {
      const stamp = await reachableBy(readStampForUser, userId, itemId, 'readEntries');
      const text = deps.texts.kept(itemId, stamp.change_seq, stamp.updated_at) ?? deps.texts.of(await reachable(userId, itemId, 'readEntries'));
      if (machineClient) await machineRead(userId, itemId, (JSON.parse(text) as { vaultId: string }).vaultId, machineClient, { via: 'item' });
      return text;
    },

    async update(userId: string, itemId: string, input: SealedItem, client: ClientInfo) {
      if (input.id !== itemId) throw new ApiError('validationFailed', { field: 'body.id', detail: 'the body names another item' });
      const current = await reachable(userId, itemId, 'editEntries');
      if (input.vaultId !== current.vault_id) throw new ApiError('conflict', { field: 'body.vaultId', detail: 'move an item to another vault with items/{id}/move' });
      // Filing it elsewhere takes it from where it is and creates it where it goes (docs/access-control.md).
      if ((input.folderId ?? null) !== current.folder_id) {
        const rights = await rightsOf(deps.db, userId, [current.vault_id]);
        requireRight(rights, current.vault_id, current.folder_id, 'deleteEntries', 'item');
        requireRight(rights, current.vault_id, input.folderId ?? null, 'createEntries', 'body.folderId');
      }
      if (current.deleted_at !== null) throw new ApiError('conflict', { detail: 'the item is in the trash; restore it first' });
      await checkWrite(input, current.revision + 1);
      await requireFilesKept(current, input);
      // Filed elsewhere: named as removed to the vault's members too, so whoever may not read it
      // where it now is drops it; whoever may gets it again in the same delta.
      const row = await replace(userId, current, input, (input.folderId ?? null) !== current.folder_id ? current.vault_id : null);
      const refiled = (input.folderId ?? null) !== current.folder_id ? { fromFolder: current.folder_id, toFolder: row.folder_id } : {};
      await record('item.updated', userId, row, client, { revision: row.revision, ...refiled });
      return itemOf(deps.sealer, row);
    },

    /** Moves to another vault: the body is the item re-wrapped and re-bound by the client for that vault. */
    async move(userId: string, itemId: string, input: SealedItem, client: ClientInfo) {
      if (input.id !== itemId) throw new ApiError('validationFailed', { field: 'body.id', detail: 'the body names another item' });
      const current = await reachable(userId, itemId, 'deleteEntries');
      if (input.vaultId === current.vault_id) throw new ApiError('validationFailed', { field: 'body.vaultId', detail: 'the item is already in this vault' });
      if (current.deleted_at !== null) throw new ApiError('conflict', { detail: 'the item is in the trash; restore it first' });
      await requireCreate(userId, input);
      await checkWrite(input, current.revision + 1);
      const row = await replace(userId, current, input, current.vault_id);
      await record('item.moved', userId, row, client, { from: current.vault_id, to: row.vault_id });
      return itemOf(deps.sealer, row);
    },

    async trash(userId: string, itemId: string, client: ClientInfo) {
      const current = await reachable(userId, itemId, 'deleteEntries');
      if (current.deleted_at !== null) return itemOf(deps.sealer, current);
      const now = deps.now();
      await changeTransaction(deps.db, (trx, changeSeq) => itemsRepository(trx).setDeleted(itemId, now, current.folder_id, now, changeSeq));
      await record('item.trashed', userId, current, client);
      return itemOf(deps.sealer, (await items.byId(itemId))!);
    },

    async restore(userId: string, itemId: string, client: ClientInfo) {
      const current = await reachable(userId, itemId, 'deleteEntries');
      if (current.deleted_at === null) throw new ApiError('conflict', { detail: 'the item is not in the trash' });
      const folder = current.folder_id ? await deps.db.selectFrom('folders').select('deleted_at').where('id', '=', current.folder_id).executeTakeFirst() : undefined;
      const folderId = folder && folder.deleted_at === null ? current.folder_id : null;
      // Its folder gone, it comes back at the vault root: created there, as far as rights go.
      if (folderId !== current.folder_id) await requireCreate(userId, { vaultId: current.vault_id, folderId });
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await itemsRepository(trx).setDeleted(itemId, null, folderId, deps.now(), changeSeq);
        if (folderId !== current.folder_id) await vaultsRepository(trx, deps.sealer).recordRemoval({ changeSeq, kind: 'item', objectId: itemId, vaultId: current.vault_id, userId: null });
      });
      await record('item.restored', userId, current, client);
      return itemOf(deps.sealer, (await items.byId(itemId))!);
    },

    async purge(userId: string, itemId: string, client: ClientInfo) {
      const current = await reachable(userId, itemId, 'deleteEntries');
      if (current.deleted_at === null) throw new ApiError('conflict', { detail: 'move the item to the trash first' });
      await changeTransaction(deps.db, async (trx, changeSeq) => {
        await entrySharesRepository(trx).dropShortcuts(changeSeq, { itemIds: [itemId] });
        await itemsRepository(trx).remove(itemId);
        await vaultsRepository(trx, deps.sealer).recordRemoval({ changeSeq, kind: 'item', objectId: itemId, vaultId: current.vault_id, userId: null });
      });
      await record('item.purged', userId, current, client);
    },

    /**
     * After a vault key rotation: the next revision of an item under a fresh entry key wrapped by
     * the current vault key, in the same place and trash state. Vault administrators re-key, as
     * rotating is managing access; the server cannot check that the content is unchanged (it is
     * ciphertext), so the previous revision is kept like any edit's. The entry's files are re-wrapped
     * under the new entry key in the same transaction (attachment-rewraps.ts).
     */
    async rekey(userId: string, itemId: string, body: RekeyItem, client: ClientInfo) {
      const { attachments: rewraps, ...input } = body;
      if (input.id !== itemId) throw new ApiError('validationFailed', { field: 'body.id', detail: 'the body names another item' });
      const current = await reachable(userId, itemId, 'readEntries');
      requireRight(await rightsOf(deps.db, userId, [current.vault_id]), current.vault_id, null, 'manageAccess');
      if (input.vaultId !== current.vault_id || (input.folderId ?? null) !== current.folder_id) throw new ApiError('conflict', { field: 'body.folderId', detail: 'a re-key keeps the item where it is' });
      const vault = (await vaults.byId(current.vault_id))!;
      if (itemOf(deps.sealer, current).entryKey.vaultKeyVersion >= vault.key_version) throw new ApiError('conflict', { field: 'body.entryKey.vaultKeyVersion', detail: 'the item is under the current vault key already' });
      if (input.revision !== current.revision + 1) throw new ApiError('conflict', { field: 'body.revision', detail: `expected revision ${current.revision + 1}` });
      if (input.entryKey.vaultKeyVersion !== vault.key_version) throw new ApiError('conflict', { field: 'body.entryKey.vaultKeyVersion', detail: `the vault key is at version ${vault.key_version}` });
      if (new Set(input.fields.map((field) => field.id)).size !== input.fields.length) throw new ApiError('validationFailed', { field: 'body.fields', detail: 'field ids must be unique' });
      const row = await replace(userId, current, input, null, true, (trx) => rewrapAttachments(trx, deps.sealer, itemId, rewraps));
      await record('item.rekeyed', userId, row, client, { revision: row.revision, vaultKeyVersion: vault.key_version });
      return itemOf(deps.sealer, row);
    },

    async search(userId: string, input: SearchInput) {
      const rights = await rightsOf(deps.db, userId);
      const vaultIds = input.vaultId ? rights.vaultIds.filter((id) => id === input.vaultId) : rights.vaultIds;
      const scopes = vaultIds
        .map((vaultId) => (rights.uniform(vaultId) ? { vaultId, folderIds: null, root: true } : { vaultId, folderIds: rights.readableFolders(vaultId), root: rights.allows(vaultId, null, 'readEntries') }))
        .filter((scope) => scope.folderIds !== null ? scope.folderIds.length > 0 || scope.root : rights.allows(scope.vaultId, null, 'readEntries'));
      const tags = (input.tags ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
      const rows = await items.search({ scopes, query: input.query?.trim() || undefined, tags, folderId: input.folderId, trash: input.trash, limit: input.limit });
      return rows.map((row) => itemOf(deps.sealer, row));
    },

    async snapshots(userId: string, itemId: string) {
      await reachable(userId, itemId, 'readEntries');
      return (await items.revisions(itemId)).map((row) => ({ revision: row.revision, vaultId: row.vault_id, createdAt: row.created_at, createdBy: row.created_by }));
    },

    async snapshot(userId: string, itemId: string, revision: number, client: ClientInfo, machine = false) {
      const current = await reachable(userId, itemId, 'readEntries');
      const row = await items.revision(itemId, revision);
      if (!row) throw new ApiError('notFound', { field: 'param.revision', detail: 'no such revision' });
      // An old revision holds old secrets: opening one is a view, as revealing a field is; a machine's is one of its reads.
      if (machine) await machineRead(userId, itemId, current.vault_id, client, { via: 'snapshot', revision });
      else await record('item.snapshotViewed', userId, current, client, { revision });
      return { snapshot: { revision: row.revision, vaultId: row.vault_id, createdAt: row.created_at, createdBy: row.created_by }, item: openRevision(deps.sealer, itemId, revision, row.record) };
    },
  };
}

export type ItemsService = ReturnType<typeof itemsService>;
