import type { Kysely, Transaction } from 'kysely';
import type { SyncResponse } from '../../lib/contract/sync';
import type { AccessLevel } from '../../lib/contract/vaults';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { Tables } from '../db/tables';
import type { Engine } from '../db/database';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { folderView, foldersRepository } from '../folders/folders.repository';
import { itemOf } from '../items/item-row';
import { itemsRepository } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';
import { atLeast, stronger } from '../vaults/access';
import { currentChangeSeq } from '../vaults/change-seq';
import { vaultsRepository } from '../vaults/vaults.repository';
import { vaultView } from '../vaults/vaults.service';

export interface SyncDeps {
  db: Kysely<Tables>;
  engine: Engine;
  sealer: Sealer;
  events: EventsRepository;
  now: () => number;
}

const CURSOR_PREFIX = 'c1.';

/** The change sequence number a cursor stands for. */
export function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const seq = Number(cursor.slice(CURSOR_PREFIX.length));
  if (!cursor.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(seq) || seq < 0) throw new ApiError('validationFailed', { field: 'query.cursor' });
  return seq;
}

type Trx = Transaction<Tables>;

/** The caller's vault-wide grants: level per vault, and which grants changed after `afterSeq`. */
async function grants(trx: Trx, userId: string, afterSeq: number) {
  const rows = await trx.selectFrom('vault_access').select(['vault_id', 'level', 'change_seq']).where('principal_type', '=', 'user').where('principal_id', '=', userId).where('folder_id', '=', '').execute();
  const levels = new Map<string, AccessLevel>();
  const changed = new Set<string>();
  for (const row of rows) {
    const known = levels.get(row.vault_id);
    levels.set(row.vault_id, known ? stronger(known, row.level as AccessLevel) : (row.level as AccessLevel));
    if (Number(row.change_seq) > afterSeq) changed.add(row.vault_id);
  }
  return { levels, changed };
}

/** Members of vaults the caller may share who hold no wrap of the current key yet. */
async function pendingGrants(trx: Trx, userId: string, levels: Map<string, AccessLevel>) {
  const manageable = [...levels].filter(([, level]) => atLeast(level, 'full')).map(([id]) => id);
  if (manageable.length === 0) return [];
  const rows = await trx
    .selectFrom('vault_access as a')
    .innerJoin('vaults as v', 'v.id', 'a.vault_id')
    .innerJoin('users as u', 'u.id', 'a.principal_id')
    .leftJoin('key_wraps as w', (join) => join.on('w.kind', '=', 'vault').onRef('w.subject_id', '=', 'a.vault_id').onRef('w.recipient_id', '=', 'a.principal_id').onRef('w.key_version', '=', 'v.key_version'))
    .select(['a.vault_id', 'a.principal_id', 'a.level', 'v.key_version', 'w.recipient_id'])
    .where('a.vault_id', 'in', manageable)
    .where('a.principal_type', '=', 'user')
    .where('a.folder_id', '=', '')
    .where('u.status', '=', 'active')
    .execute();
  const holders = new Set(rows.filter((row) => row.recipient_id !== null).map((row) => `${row.vault_id}/${row.principal_id}`));
  // Only someone who holds the current key can hand it on, and only vault administrators may
  // touch an administrator's grant.
  return rows
    .filter((row) => row.recipient_id === null && holders.has(`${row.vault_id}/${userId}`))
    .filter((row) => row.level !== 'admin' || levels.get(row.vault_id) === 'admin')
    .map((row) => ({ vaultId: row.vault_id, userId: row.principal_id, keyVersion: row.key_version, level: row.level as AccessLevel }));
}

async function certificatesOf(trx: Trx, userIds: Set<string>) {
  if (userIds.size === 0) return [];
  const rows = await trx.selectFrom('users').select(['id', 'certificate']).where('id', 'in', [...userIds]).execute();
  return rows.filter((row) => row.certificate).map((row) => ({ userId: row.id, certificate: JSON.parse(row.certificate!) as MemberCertificate }));
}

async function removals(trx: Trx, userId: string, afterSeq: number, vaultIds: string[]) {
  const rows = await trx
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
 * Sync: one consistent snapshot of what the caller may see that changed after the cursor. A vault
 * whose grant changed (newly shared, level changed) comes whole, since its older rows are new to
 * the caller.
 */
export function syncService(deps: SyncDeps) {
  async function snapshot(userId: string, cursorSeq: number | null): Promise<SyncResponse> {
    const run = async (trx: Trx): Promise<SyncResponse> => {
      const head = await currentChangeSeq(trx);
      // A cursor ahead of the server (a restored backup, another server) cannot be trusted to
      // mean "nothing missed": the client gets everything and replaces its cache.
      const since = cursorSeq !== null && cursorSeq <= head ? cursorSeq : null;
      const afterSeq = since ?? 0;
      const { levels, changed } = await grants(trx, userId, afterSeq);
      const visible = [...levels.keys()];
      const whole = since === null ? visible : [...changed];
      const vaults = vaultsRepository(trx, deps.sealer);
      const vaultRows = (await vaults.byIds(visible)).filter((row) => since === null || row.change_seq > afterSeq || changed.has(row.id));
      const wraps = (await vaults.wrapsFor(userId, since === null ? -1 : afterSeq)).filter((wrap) => levels.has(wrap.subjectId));
      const [folders, items, pending, removed] = await Promise.all([
        foldersRepository(trx).changed(visible, afterSeq, whole),
        itemsRepository(trx).changed(visible, afterSeq, whole),
        pendingGrants(trx, userId, levels),
        since === null ? Promise.resolve({ vaults: [], folders: [], items: [] }) : removals(trx, userId, afterSeq, visible),
      ]);
      const certificates = await certificatesOf(trx, new Set([...wraps.map((wrap) => wrap.granterId), ...pending.map((grant) => grant.userId)]));
      return {
        cursor: `${CURSOR_PREFIX}${head}`,
        full: since === null,
        vaults: vaultRows.map((row) => vaultView(row, levels.get(row.id)!)),
        wraps,
        certificates,
        folders: folders.map(folderView),
        items: items.map((row) => itemOf(deps.sealer, row)),
        removed,
        pendingGrants: pending,
      };
    };
    // PostgreSQL: every query of one sync must see the same snapshot, the counter included.
    if (deps.engine === 'postgres') return deps.db.transaction().setIsolationLevel('repeatable read').execute(run);
    return deps.db.transaction().execute(run);
  }

  return {
    async sync(userId: string, cursor: string | undefined): Promise<SyncResponse> {
      const result = await snapshot(userId, parseCursor(cursor));
      const touched = new Set([...result.items.map((item) => item.vaultId), ...result.folders.map((folder) => folder.vaultId)]);
      for (const vaultId of touched) {
        await deps.events.append({ occurredAt: deps.now(), type: 'vault.synced', actor: { type: 'user', id: userId }, target: { type: 'vault', id: vaultId }, vaultId, ip: null, browserMode: null, details: { full: result.full } });
      }
      return result;
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;
