import { sql, type InferResult, type Kysely } from 'kysely';
import type { SyncResponse } from '../../lib/contract/sync';
import type { AccessLevel } from '../../lib/contract/vaults';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { Reader } from '../db/database';
import type { Tables, VaultsTable } from '../db/tables';
import { eventsRepository, type NewEvent } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { streamJsonWithBatches } from '../http/json-stream';
import { precompiled } from '../db/precompiled';
import { folderView, foldersRepository } from '../folders/folders.repository';
import type { ItemTexts } from '../items/item-texts';
import { changedItems, itemsByIds, type ChangedItem } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';
import { pendingCandidatesQuery, pendingGrantsFor } from '../access/pending-grants';
import { seenLevel } from '../access/require-right';
import { accessRowsOf, rightsFromRows } from '../access/rights.repository';
import type { VaultRights } from '../access/vault-rights';
import { currentChangeSeq } from '../vaults/change-seq';
import { recoveryRepository } from '../recovery/recovery.repository';
import { vaultsRepository } from '../vaults/vaults.repository';
import { vaultView } from '../vaults/vaults.service';
import { entrySharesRepository } from '../entry-shares/entry-shares.repository';
import { shortcutsForSync } from '../entry-shares/entry-shares.service';

/** Who syncs: a member, or a machine account (whose every read is recorded). */
export interface SyncReader {
  userId: string;
  machine: boolean;
}

export interface SyncDeps {
  db: Kysely<Tables>;
  reader: Reader;
  sealer: Sealer;
  texts: ItemTexts;
  now: () => number;
}

const CURSOR_PREFIX = 'c1.';
/** Items written per chunk of a sync response (and the most whose rows one query reads). */
const STREAM_BATCH = 500;

/** The change sequence number a cursor stands for. */
export function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const seq = Number(cursor.slice(CURSOR_PREFIX.length));
  if (!cursor.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(seq) || seq < 0) throw new ApiError('validationFailed', { field: 'query.cursor' });
  return seq;
}

type Db = Kysely<Tables>;

/** The newest change number in each table a delta reads, as of the sync's head; null for an empty table. */
interface LatestChanges {
  items: number | null;
  folders: number | null;
  wraps: number | null;
  removals: number | null;
  shortcuts: number | null;
}

const latestOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const VAULT_COLUMNS = ['id', 'kind', 'name', 'key_version', 'created_by', 'created_at', 'updated_at', 'change_seq'] as const satisfies readonly (keyof VaultsTable)[];

/**
 * In one query: the access rows of the caller and their groups with their vaults, the newest change
 * sequence number of this snapshot, the newest change number in each table a delta reads (each
 * query is a round trip on PostgreSQL), and the caller's newest mark for a whole sync
 * (access-changes.ts). All are read in one snapshot, in which every change up to the head has
 * committed (change-seq.ts): a table whose newest change is not after the cursor has nothing for
 * the delta.
 */
function grantsQuery(db: Db, userId: string) {
  return accessRowsOf(db, userId)
    .innerJoin('vaults', 'vaults.id', 'vault_access.vault_id')
    // Named columns, not vaults.*: a column added by a migration must not change the result of a
    // statement another instance still has prepared.
    .select(VAULT_COLUMNS.map((column) => `vaults.${column}` as const))
    .select([
      sql<number>`(select value from change_counter where name = 'change')`.as('head'),
      sql<number | null>`(select max(change_seq) from items)`.as('items_seq'),
      sql<number | null>`(select max(change_seq) from folders)`.as('folders_seq'),
      sql<number | null>`(select max(change_seq) from key_wraps where recipient_id = ${userId})`.as('wraps_seq'),
      sql<number | null>`(select max(change_seq) from sync_removals)`.as('removals_seq'),
      sql<number | null>`(select max(change_seq) from item_shortcuts)`.as('shortcuts_seq'),
      sql<number | null>`(select max(change_seq) from sync_removals where kind = 'access' and user_id = ${userId})`.as('access_seq'),
    ]);
}

type GrantRow = InferResult<ReturnType<typeof grantsQuery>>[number];

/**
 * The grants read (grantsQuery) as the sync uses it: the caller's rights, which vaults' rows
 * changed after `afterSeq`, the vaults, the head, the newest change per table (null `latest`
 * when the caller has no grants) and the newest whole-sync mark.
 */
async function grants(db: Db, userId: string, rows: GrantRow[], afterSeq: number) {
  const changed = new Set<string>();
  const vaults = new Map<string, VaultsTable>();
  for (const row of rows) {
    if (Number(row.grant_seq) > afterSeq || Number(row.member_seq ?? 0) > afterSeq) changed.add(row.vault_id);
    const { id, kind, name, key_version, created_by, created_at, updated_at, change_seq } = row;
    vaults.set(id, { id, kind, name, key_version, created_by, created_at, updated_at, change_seq });
  }
  const rights = await rightsFromRows(db, userId, rows);
  const first = rows[0];
  const head = first ? Number(first.head ?? 0) : await currentChangeSeq(db);
  const latest: LatestChanges | null = first ? { items: latestOf(first.items_seq), folders: latestOf(first.folders_seq), wraps: latestOf(first.wraps_seq), removals: latestOf(first.removals_seq), shortcuts: latestOf(first.shortcuts_seq) } : null;
  const wholeSince = first ? latestOf(first.access_seq) : null;
  return { rights, changed, vaults: [...vaults.values()].filter((vault) => rights.vaultIds.includes(vault.id)), head, latest, wholeSince };
}

async function certificatesOf(db: Db, userIds: Set<string>) {
  if (userIds.size === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'certificate']).where('id', 'in', [...userIds]).execute();
  return rows.filter((row) => row.certificate).map((row) => ({ userId: row.id, certificate: JSON.parse(row.certificate!) as MemberCertificate }));
}

async function retiredCertificatesOf(db: Db, userIds: string[]) {
  return (await recoveryRepository(db).retiredCertificates(userIds)).map((row) => ({ userId: row.user_id, certificate: JSON.parse(row.certificate) as MemberCertificate }));
}

async function removals(db: Db, userId: string, afterSeq: number, vaultIds: string[]) {
  const rows = await db
    .selectFrom('sync_removals')
    .select(['kind', 'object_id'])
    .where('change_seq', '>', afterSeq)
    .where((eb) => eb.or([eb('user_id', '=', userId), ...(vaultIds.length ? [eb('vault_id', 'in', vaultIds)] : [])]))
    .orderBy('change_seq')
    .execute();
  const of = (kind: string) => [...new Set(rows.filter((row) => row.kind === kind).map((row) => row.object_id))];
  return { vaults: of('vault'), folders: of('folder'), items: of('item'), shortcuts: of('shortcut') };
}

/**
 * Sync: what the caller may see that changed after the cursor. A vault whose grant changed (newly
 * shared, level changed) comes whole, since its older rows are new to the caller.
 *
 * No transaction is needed, so the reads run side by side (on PostgreSQL, each on its own
 * connection). The head H is read first, in the same statement as the grants; every change up to
 * H has committed by then (change-seq.ts), so every read after it sees them, in their newest
 * version. A change after H may or may not show up here, and comes again in the next sync (its
 * number is above H, the cursor returned): nothing is ever missed, at worst sent twice.
 */
export function syncService(deps: SyncDeps) {
  // Built once: compiling these reads costs more than running them (precompiled.ts).
  const readGrants = precompiled(deps.db, deps.reader, 1, (userId: string) => grantsQuery(deps.db, userId));
  const readPendingCandidates = precompiled(deps.db, deps.reader, 1, (userId: string) => pendingCandidatesQuery(deps.db, userId));

  async function snapshot(userId: string, cursorSeq: number | null): Promise<{ response: Omit<SyncResponse, 'items'>; items: ChangedItem[]; rights: VaultRights }> {
    // Who may be waiting for a key is read beside the grants (one round trip less); whether they are, the rule says after.
    const [grantRows, candidateRows] = await Promise.all([readGrants(userId), readPendingCandidates(userId)]);
    const { rights, changed, vaults: visibleRows, head, latest, wholeSince } = await grants(deps.db, userId, grantRows, cursorSeq ?? 0);
    // A cursor ahead of the server (a restored backup, another server) cannot be trusted to
    // mean "nothing missed", and a change of the caller's rights since the cursor may have taken
    // things away that a delta cannot name: either way the client gets everything and replaces
    // its cache.
    const since = cursorSeq !== null && cursorSeq <= head && (wholeSince === null || wholeSince <= cursorSeq) ? cursorSeq : null;
    const afterSeq = since ?? 0;
    const visible = rights.vaultIds;
    const whole = since === null ? visible : visible.filter((vaultId) => changed.has(vaultId));
    const vaults = vaultsRepository(deps.db, deps.sealer);
    const vaultRows = visibleRows.filter((row) => since === null || row.change_seq > afterSeq || changed.has(row.id)).sort((a, b) => a.name.localeCompare(b.name));
    // A delta skips each table with no change after its cursor (most deltas find nothing new).
    const changedAfter = (table: keyof LatestChanges) => since === null || latest === null || (latest[table] ?? 0) > afterSeq;
    // A shortcut comes again when its entry changed: an edit in the source vault reaches its readers.
    const shortcutsChanged = whole.length > 0 || changedAfter('items') || changedAfter('shortcuts');
    const [allWraps, allFolders, allItems, removed, pending, shortcutRows] = await Promise.all([
      changedAfter('wraps') ? vaults.wrapsFor(userId, since === null ? -1 : afterSeq) : [],
      whole.length > 0 || changedAfter('folders') ? foldersRepository(deps.db).changed(visible, afterSeq, whole) : [],
      whole.length > 0 || changedAfter('items') ? changedItems(deps.db, deps.reader, visible, afterSeq, whole) : [],
      since !== null && changedAfter('removals') ? removals(deps.db, userId, afterSeq, visible) : { vaults: [], folders: [], items: [], shortcuts: [] as string[] },
      pendingGrantsFor(deps.db, userId, rights, candidateRows.map((row) => row.vault_id)),
      shortcutsChanged ? entrySharesRepository(deps.db).changedShortcuts(visible, afterSeq, whole) : [],
    ]);
    // A shortcut whose entry went to the trash leaves its readers like a removed one, and comes back with a restore.
    const { shortcuts, trashed } = shortcutsForSync(deps.sealer, shortcutRows, rights);
    // Folder rights decide within a vault: what the caller may not see is left out, unnamed. What
    // leaves their sight is named otherwise: an entry filed elsewhere by a removal recorded with
    // the move, anything else by a whole sync (access-changes.ts).
    const folders = allFolders.filter((folder) => rights.showsFolder(folder.vault_id, folder.id));
    const items = allItems.filter((item) => rights.allows(item.vaultId, item.folderId, 'readEntries'));
    const wraps = allWraps.filter((wrap) => rights.readsAnywhere(wrap.subjectId));
    // Whenever a user's current certificate goes out, the ones recoveries retired go along (read side
    // by side), so a cache never holds a new certificate without the old ones its wraps need.
    const certified = new Set([...wraps.map((wrap) => wrap.granterId), ...pending.map((grant) => grant.userId)]);
    const [certificates, retiredCertificates] = await Promise.all([certificatesOf(deps.db, certified), retiredCertificatesOf(deps.db, [...certified])]);
    const response = {
      cursor: `${CURSOR_PREFIX}${head}`,
      full: since === null,
      vaults: vaultRows.map((row) => vaultView(row, rights.vaultLevel(row.id) as AccessLevel)),
      wraps,
      certificates,
      ...(retiredCertificates.length > 0 ? { retiredCertificates } : {}),
      folders: folders.map((folder) => folderView(folder, seenLevel(rights, folder.vault_id, folder.id) as AccessLevel)),
      removed: { ...removed, shortcuts: [...removed.shortcuts, ...(since === null ? [] : trashed)] },
      pendingGrants: pending,
      shortcuts,
    };
    return { response, items, rights };
  }

  /**
   * One `vault.synced` event per vault the sync returned folders or items of; for a machine account,
   * also one `machine.read` per item it is sent (design.md §3: every read by a machine is an event).
   * One append for them all.
   */
  async function recordSynced(reader: SyncReader, full: boolean, vaultIds: Set<string>, items: { id: string; vaultId: string }[], client: ClientInfo): Promise<void> {
    const occurredAt = deps.now();
    const actor = { type: reader.machine ? ('machine' as const) : ('user' as const), id: reader.userId };
    const where = { occurredAt, actor, ip: client.ip, browserMode: client.browserMode };
    const events: NewEvent[] = [...vaultIds].map((vaultId) => ({ ...where, type: 'vault.synced', target: { type: 'vault', id: vaultId }, vaultId, details: { full } }));
    if (reader.machine) events.push(...items.map((item) => ({ ...where, type: 'machine.read', target: { type: 'item', id: item.id }, vaultId: item.vaultId, details: { via: 'sync' } })));
    await eventsRepository(deps.db).appendReads(events);
  }

  /**
   * The texts of one batch of the items a sync sends: from the rows a delta read with them, else
   * the kept ones, and the others from their rows, read now. A row read later than the head is its
   * newest version, which is all a sync promises (snapshot above); one purged or moved out of the
   * caller's vaults since is left out, and its removal comes next time.
   */
  async function itemTextsOf(batch: ChangedItem[], rights: VaultRights): Promise<string[]> {
    const texts = batch.map((item) => (item.row ? deps.texts.of(item.row) : deps.texts.kept(item.id, item.changeSeq, item.updatedAt)));
    const missing = batch.filter((_, index) => texts[index] === undefined).map((item) => item.id);
    const rows = new Map((await itemsByIds(deps.db, deps.reader, missing, STREAM_BATCH)).map((row) => [row.id, row]));
    return batch.flatMap((item, index) => {
      const text = texts[index];
      if (text !== undefined) return [text];
      const row = rows.get(item.id);
      return row && rights.allows(row.vault_id, row.folder_id, 'readEntries') ? [deps.texts.of(row)] : [];
    });
  }

  return {
    /**
     * The sync response as a stream of JSON text: everything but the items serialised once, then
     * the items a batch at a time as the client reads, so neither the rows nor the text of a vault
     * of 100,000 items are ever all in memory.
     */
    async sync(reader: SyncReader, cursor: string | undefined, client: ClientInfo): Promise<ReadableStream<Uint8Array>> {
      const { response, items, rights } = await snapshot(reader.userId, parseCursor(cursor));
      const recorded = recordSynced(reader, response.full, new Set([...items.map((item) => item.vaultId), ...response.folders.map((folder) => folder.vaultId)]), items, client);
      // The first batch's text is worked out while the event is written (a round trip on
      // PostgreSQL), and nothing is sent before the event is stored. Its failure, if any, is
      // thrown when the stream asks for it.
      let first: Promise<string[]> | null = itemTextsOf(items.slice(0, STREAM_BATCH), rights);
      first.catch(() => undefined);
      await recorded;
      let next = STREAM_BATCH;
      return streamJsonWithBatches(response, 'items', async () => {
        if (first) {
          const batch = first;
          first = null;
          return batch;
        }
        if (next >= items.length) return null;
        const batch = items.slice(next, next + STREAM_BATCH);
        next += STREAM_BATCH;
        return itemTextsOf(batch, rights);
      });
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;
