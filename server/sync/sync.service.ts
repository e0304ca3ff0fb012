import { sql, type InferResult, type Kysely } from 'kysely';
import type { SyncResponse } from '../../lib/contract/sync';
import { ACCESS_LEVELS, type AccessLevel } from '../../lib/contract/vaults';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { Engine, Reader } from '../db/database';
import type { Tables, VaultsTable } from '../db/tables';
import { eventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { streamJsonWithBatches } from '../http/json-stream';
import { precompiled } from '../db/precompiled';
import { folderView, foldersRepository } from '../folders/folders.repository';
import type { ItemTexts } from '../items/item-texts';
import { changedItems, itemsByIds, type ChangedItem } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';
import { atLeast, strongestOf, userGrants } from '../vaults/access';
import { currentChangeSeq } from '../vaults/change-seq';
import { vaultsRepository } from '../vaults/vaults.repository';
import { vaultView } from '../vaults/vaults.service';

export interface SyncDeps {
  db: Kysely<Tables>;
  reader: Reader;
  engine: Engine;
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
}

const latestOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const VAULT_COLUMNS = ['id', 'kind', 'name', 'key_version', 'created_by', 'created_at', 'updated_at', 'change_seq'] as const satisfies readonly (keyof VaultsTable)[];

/**
 * In one query: the caller's grants with their vaults, the newest change sequence number of this
 * snapshot, and the newest change number in each table a delta reads (each query is a round trip
 * on PostgreSQL). All are read in one snapshot, in which every change up to the head has committed
 * (change-seq.ts): a table whose newest change is not after the cursor has nothing for the delta.
 */
function grantsQuery(db: Db, userId: string) {
  return userGrants(db, userId)
    .innerJoin('vaults', 'vaults.id', 'vault_access.vault_id')
    // Named columns, not vaults.*: a column added by a migration must not change the result of a
    // statement another instance still has prepared.
    .select(VAULT_COLUMNS.map((column) => `vaults.${column}` as const))
    .select([
      'vault_access.change_seq as grant_seq',
      sql<number>`(select value from change_counter where name = 'change')`.as('head'),
      sql<number | null>`(select max(change_seq) from items)`.as('items_seq'),
      sql<number | null>`(select max(change_seq) from folders)`.as('folders_seq'),
      sql<number | null>`(select max(change_seq) from key_wraps where recipient_id = ${userId})`.as('wraps_seq'),
      sql<number | null>`(select max(change_seq) from sync_removals)`.as('removals_seq'),
    ]);
}

type GrantRow = InferResult<ReturnType<typeof grantsQuery>>[number];

/**
 * The grants read (grantsQuery) as the sync uses it: levels, which grants changed after `afterSeq`,
 * the vaults, the head, and the newest change per table (null `latest` when the caller has no grants).
 */
async function grants(db: Db, rows: GrantRow[], afterSeq: number) {
  const levels = new Map<string, AccessLevel>();
  const changed = new Set<string>();
  const vaults = new Map<string, VaultsTable>();
  for (const { level, grant_seq: grantSeq, head: _head, items_seq: _items, folders_seq: _folders, wraps_seq: _wraps, removals_seq: _removals, vault_id: _vaultId, ...vault } of rows) {
    levels.set(vault.id, strongestOf([levels.get(vault.id) ?? null, level])!);
    if (Number(grantSeq) > afterSeq) changed.add(vault.id);
    vaults.set(vault.id, vault);
  }
  const first = rows[0];
  const head = first ? Number(first.head ?? 0) : await currentChangeSeq(db);
  const latest: LatestChanges | null = first ? { items: latestOf(first.items_seq), folders: latestOf(first.folders_seq), wraps: latestOf(first.wraps_seq), removals: latestOf(first.removals_seq) } : null;
  return { levels, changed, vaults: [...vaults.values()], head, latest };
}

/** The levels that may hand a vault key on (access.ts ranks them). */
const SHARING_LEVELS = ACCESS_LEVELS.filter((level) => atLeast(level, 'full'));

/**
 * Members of the vaults where the caller holds a full or administrator grant, with any wrap they
 * hold of the vault's current key: what pendingGrants() chooses from. One SQL text for everyone,
 * so it is prepared once.
 */
function pendingGrantsQuery(db: Db, userId: string) {
  const manageable = userGrants(db, userId).clearSelect().select('vault_access.vault_id').where('vault_access.level', 'in', SHARING_LEVELS);
  return db
    .selectFrom('vault_access as a')
    .innerJoin('vaults as v', 'v.id', 'a.vault_id')
    .innerJoin('users as u', 'u.id', 'a.principal_id')
    .leftJoin('key_wraps as w', (join) => join.on('w.kind', '=', 'vault').onRef('w.subject_id', '=', 'a.vault_id').onRef('w.recipient_id', '=', 'a.principal_id').onRef('w.key_version', '=', 'v.key_version'))
    .select(['a.vault_id', 'a.principal_id', 'a.level', 'v.key_version', 'w.recipient_id'])
    .where('a.vault_id', 'in', manageable)
    .where('a.principal_type', '=', 'user')
    .where('a.folder_id', '=', '')
    .where('u.status', '=', 'active');
}

type PendingGrantRow = InferResult<ReturnType<typeof pendingGrantsQuery>>[number];

/** Members of vaults the caller may share (at `levels`) who hold no wrap of the current key yet. */
function pendingGrants(rows: PendingGrantRow[], userId: string, levels: Map<string, AccessLevel>) {
  const manageable = rows.filter((row) => atLeast(levels.get(row.vault_id) ?? 'read', 'full'));
  const holders = new Set(manageable.filter((row) => row.recipient_id !== null).map((row) => `${row.vault_id}/${row.principal_id}`));
  // Only someone who holds the current key can hand it on, and only vault administrators may
  // touch an administrator's grant.
  return manageable
    .filter((row) => row.recipient_id === null && holders.has(`${row.vault_id}/${userId}`))
    .filter((row) => row.level !== 'admin' || levels.get(row.vault_id) === 'admin')
    .map((row) => ({ vaultId: row.vault_id, userId: row.principal_id, keyVersion: row.key_version, level: row.level as AccessLevel }));
}

async function certificatesOf(db: Db, userIds: Set<string>) {
  if (userIds.size === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'certificate']).where('id', 'in', [...userIds]).execute();
  return rows.filter((row) => row.certificate).map((row) => ({ userId: row.id, certificate: JSON.parse(row.certificate!) as MemberCertificate }));
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
  return { vaults: of('vault'), folders: of('folder'), items: of('item') };
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
  const readPendingGrants = precompiled(deps.db, deps.reader, 1, (userId: string) => pendingGrantsQuery(deps.db, userId));

  async function snapshot(userId: string, cursorSeq: number | null): Promise<{ response: Omit<SyncResponse, 'items'>; items: ChangedItem[]; visible: Set<string> }> {
    // The pending grants are read beside the grants (one round trip less); which of them count
    // depends on the caller's levels, worked out after.
    const [grantRows, pendingRows] = await Promise.all([readGrants(userId), readPendingGrants(userId)]);
    const { levels, changed, vaults: visibleRows, head, latest } = await grants(deps.db, grantRows, cursorSeq ?? 0);
    // A cursor ahead of the server (a restored backup, another server) cannot be trusted to
    // mean "nothing missed": the client gets everything and replaces its cache.
    const since = cursorSeq !== null && cursorSeq <= head ? cursorSeq : null;
    const afterSeq = since ?? 0;
    const visible = [...levels.keys()];
    const whole = since === null ? visible : [...changed];
    const vaults = vaultsRepository(deps.db, deps.sealer);
    const vaultRows = visibleRows.filter((row) => since === null || row.change_seq > afterSeq || changed.has(row.id)).sort((a, b) => a.name.localeCompare(b.name));
    // A delta skips each table with no change after its cursor (most deltas find nothing new).
    const changedAfter = (table: keyof LatestChanges) => since === null || latest === null || (latest[table] ?? 0) > afterSeq;
    const pending = pendingGrants(pendingRows, userId, levels);
    const [allWraps, folders, items, removed] = await Promise.all([
      changedAfter('wraps') ? vaults.wrapsFor(userId, since === null ? -1 : afterSeq) : [],
      whole.length > 0 || changedAfter('folders') ? foldersRepository(deps.db).changed(visible, afterSeq, whole) : [],
      whole.length > 0 || changedAfter('items') ? changedItems(deps.db, deps.reader, visible, afterSeq, whole) : [],
      since !== null && changedAfter('removals') ? removals(deps.db, userId, afterSeq, visible) : { vaults: [], folders: [], items: [] },
    ]);
    const wraps = allWraps.filter((wrap) => levels.has(wrap.subjectId));
    const certificates = await certificatesOf(deps.db, new Set([...wraps.map((wrap) => wrap.granterId), ...pending.map((grant) => grant.userId)]));
    const response = {
      cursor: `${CURSOR_PREFIX}${head}`,
      full: since === null,
      vaults: vaultRows.map((row) => vaultView(row, levels.get(row.id)!)),
      wraps,
      certificates,
      folders: folders.map(folderView),
      removed,
      pendingGrants: pending,
    };
    return { response, items, visible: new Set(visible) };
  }

  /** One `vault.synced` event per vault the sync returned folders or items of. */
  async function recordSynced(userId: string, full: boolean, vaultIds: Set<string>): Promise<void> {
    const occurredAt = deps.now();
    const events = [...vaultIds].map((vaultId) => ({ occurredAt, type: 'vault.synced', actor: { type: 'user' as const, id: userId }, target: { type: 'vault', id: vaultId }, vaultId, ip: null, browserMode: null, details: { full } }));
    await eventsRepository(deps.db).appendReads(events, deps.engine);
  }

  /**
   * The texts of one batch of the items a sync sends: from the rows a delta read with them, else
   * the kept ones, and the others from their rows, read now. A row read later than the head is its
   * newest version, which is all a sync promises (snapshot above); one purged or moved out of the
   * caller's vaults since is left out, and its removal comes next time.
   */
  async function itemTextsOf(batch: ChangedItem[], visible: Set<string>): Promise<string[]> {
    const texts = batch.map((item) => (item.row ? deps.texts.of(item.row) : deps.texts.kept(item.id, item.changeSeq, item.updatedAt)));
    const missing = batch.filter((_, index) => texts[index] === undefined).map((item) => item.id);
    const rows = new Map((await itemsByIds(deps.db, deps.reader, missing, STREAM_BATCH)).map((row) => [row.id, row]));
    return batch.flatMap((item, index) => {
      const text = texts[index];
      if (text !== undefined) return [text];
      const row = rows.get(item.id);
      return row && visible.has(row.vault_id) ? [deps.texts.of(row)] : [];
    });
  }

  return {
    /**
     * The sync response as a stream of JSON text: everything but the items serialised once, then
     * the items a batch at a time as the client reads, so neither the rows nor the text of a vault
     * of 100,000 items are ever all in memory.
     */
    async sync(userId: string, cursor: string | undefined): Promise<ReadableStream<Uint8Array>> {
      const { response, items, visible } = await snapshot(userId, parseCursor(cursor));
      const recorded = recordSynced(userId, response.full, new Set([...items.map((item) => item.vaultId), ...response.folders.map((folder) => folder.vaultId)]));
      // The first batch's text is worked out while the event is written (a round trip on
      // PostgreSQL), and nothing is sent before the event is stored. Its failure, if any, is
      // thrown when the stream asks for it.
      let first: Promise<string[]> | null = itemTextsOf(items.slice(0, STREAM_BATCH), visible);
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
        return itemTextsOf(batch, visible);
      });
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;
