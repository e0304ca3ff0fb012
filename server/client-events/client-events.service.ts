import type { Kysely } from 'kysely';
import type { ClientEvent, TransferEvent } from '../../lib/contract/client-events';
import { seenLevel } from '../access/require-right';
import { rightsOf } from '../access/rights.repository';
import { requireRight } from '../access/require-right';
import type { Reader } from '../db/database';
import type { Tables } from '../db/tables';
import { eventsRepository, type NewEvent } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { itemOf } from '../items/item-row';
import { itemForUser } from '../items/items.repository';
import type { Sealer } from '../sealing/sealer';

export interface ClientEventsDeps {
  db: Kysely<Tables>;
  reader: Reader;
  sealer: Sealer;
  now: () => number;
}

/** How far back a client's clock may place a report: a queue kept offline longer than this is stale anyway. */
export const MAX_REPORT_AGE_MS = 30 * 24 * 3600_000;

/** The field type each family of reports names. */
const FIELD_TYPE_OF: Record<string, string | undefined> = { password: 'password', totp: 'totp' };

/**
 * The client's claimed time within [now - MAX_REPORT_AGE_MS, now]. The event itself is stamped
 * with the server's time, so the log's times rise with its sequence and retention cuts a prefix.
 */
export function clampClientTime(at: number | undefined, now: number): number {
  if (at === undefined) return now;
  return Math.min(now, Math.max(now - MAX_REPORT_AGE_MS, at));
}

/** Records what clients report they did with secrets, once each item is one the caller may read. */
export function clientEventsService(deps: ClientEventsDeps) {
  const readForUser = itemForUser(deps.db, deps.reader);

  /** The event for one report; 404 naming the report for an item the caller cannot read or a field it lacks. */
  async function eventOf(userId: string, report: ClientEvent, index: number, client: ClientInfo, now: number): Promise<NewEvent> {
    const place = `body.events.${index}`;
    const found = await readForUser(report.itemId, userId);
    if (!found) throw new ApiError('notFound', { field: `${place}.itemId`, detail: 'no such item' });
    try {
      requireRight(found.rights, found.vaultId, found.folderId, 'readEntries', 'item');
    } catch (error) {
      // Seen but not readable is, for a report of a read, as good as not there.
      throw error instanceof ApiError ? new ApiError('notFound', { field: `${place}.itemId`, detail: 'no such item' }) : error;
    }
    const details: Record<string, unknown> = { revision: found.row.revision, clientAt: clampClientTime(report.at, now), receivedAt: now };
    if (report.field !== undefined) {
      const field = itemOf(deps.sealer, found.row).fields.find((candidate) => candidate.id === report.field);
      if (!field) throw new ApiError('notFound', { field: `${place}.field`, detail: 'no such field' });
      const expected = FIELD_TYPE_OF[report.type.split('.')[0]!];
      if (expected && field.type !== expected) throw new ApiError('validationFailed', { field: `${place}.field`, detail: `a ${report.type} report names a ${expected} field` });
      Object.assign(details, { fieldId: field.id, fieldType: field.type });
    }
    return { occurredAt: now, type: report.type, actor: { type: 'user', id: userId }, target: { type: 'item', id: found.row.id }, vaultId: found.vaultId, ip: client.ip, browserMode: client.browserMode, details };
  }

  /** The event for a report about a vault; 404 naming the report for a vault the caller cannot see. */
  async function vaultEventOf(userId: string, report: TransferEvent, index: number, client: ClientInfo, now: number): Promise<NewEvent> {
    // Seeing the vault is enough: an export holds what the caller reads, an import what it could create; the items say the rest.
    if (seenLevel(await rightsOf(deps.db, userId, [report.vaultId]), report.vaultId, null) === null) throw new ApiError('notFound', { field: `body.events.${index}.vaultId`, detail: 'no such vault' });
    const { type, vaultId, at, ...reported } = report;
    const details = { ...reported, clientAt: clampClientTime(at, now), receivedAt: now };
    return { occurredAt: now, type, actor: { type: 'user', id: userId }, target: { type: 'vault', id: vaultId }, vaultId, ip: client.ip, browserMode: client.browserMode, details };
  }

  return {
    /** Checks every report, then appends them all at once: a batch is recorded whole or not at all. */
    async report(userId: string, reports: (ClientEvent | TransferEvent)[], client: ClientInfo): Promise<void> {
      const now = deps.now();
      const events: NewEvent[] = [];
      for (const [index, report] of reports.entries()) events.push('itemId' in report ? await eventOf(userId, report, index, client, now) : await vaultEventOf(userId, report, index, client, now));
      await eventsRepository(deps.db).appendAll(events);
    },
  };
}

export type ClientEventsService = ReturnType<typeof clientEventsService>;
