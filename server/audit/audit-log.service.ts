import type { Kysely } from 'kysely';
import type { AuditEvent, AuditFilters } from '../../lib/contract/audit-log';
import { requirePermission } from '../auth/permissions';
import type { Tables } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../sessions/sessions.service';
import { auditLogRepository, type EventFilter, type NamedEvent } from './audit-log.repository';
import { auditExport, type AuditExport, type ExportFormat } from './audit-export';

export interface AuditLogDeps {
  db: Kysely<Tables>;
  events: EventsRepository;
  now: () => number;
}

/** What an export is asked for: the viewer's filters, a range of sequence numbers and a format. */
export type ExportQuery = AuditFilters & { fromSeq?: number; toSeq?: number; format: ExportFormat };

function viewOf(row: NamedEvent): AuditEvent {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at,
    type: row.type,
    actor: { type: row.actor_type, id: row.actor_id, login: row.actor_login },
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id, name: row.target_login } : null,
    vault: row.vault_id ? { id: row.vault_id, name: row.vault_name } : null,
    ip: row.ip,
    browserMode: row.browser_mode === null ? null : row.browser_mode === 1,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}

/**
 * The audit log for holders of viewAuditLog (docs/audit.md, "Viewer and exports"): pages of events
 * newest first for the viewer, and exports streamed oldest first with what a verifier needs.
 */
export function auditLogService(deps: AuditLogDeps) {
  const repository = auditLogRepository(deps.db);

  /** The filters with the actor as an id: a login names its account; anything else is taken as an id (a machine's, or a deleted user's). */
  async function resolved(filters: AuditFilters & { fromSeq?: number; toSeq?: number }): Promise<EventFilter> {
    const { actor, ...rest } = filters;
    if (actor === undefined) return rest;
    // A machine's name is its login, so a machine is found by name too.
    return { ...rest, actorId: (await repository.userIdByLogin(actor.toLowerCase())) ?? actor };
  }

  return {
    /** A page of events, newest first, and the `before` of the next page (null: this was the last). */
    async list(userId: string, query: AuditFilters & { before?: number; limit: number }): Promise<{ events: AuditEvent[]; nextBefore: number | null }> {
      await requirePermission(deps.db, userId, 'viewAuditLog');
      const { before, limit, ...filters } = query;
      const rows = await repository.newestFirst(await resolved(filters), before, limit + 1);
      const page = rows.slice(0, limit);
      return { events: page.map(viewOf), nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
    },

    /**
     * Starts an export and records it. The `audit.exported` event is appended when the download
     * starts, not when it ends: a download cut off half-way has still disclosed rows, and a record
     * written only on completion would be missing exactly then. It falls after the export's range.
     */
    async export(userId: string, query: ExportQuery, client: ClientInfo, server: string): Promise<AuditExport> {
      await requirePermission(deps.db, userId, 'viewAuditLog');
      const { format, ...filters } = query;
      const started = await auditExport(repository, await resolved(filters), { format, filters: { ...filters }, server, exportedAt: deps.now() });
      await deps.events.append({
        occurredAt: deps.now(),
        type: 'audit.exported',
        actor: { type: 'user', id: userId },
        target: null,
        vaultId: null,
        ip: client.ip,
        browserMode: client.browserMode,
        details: { format, filters, firstSeq: started.range.firstSeq, lastSeq: started.range.lastSeq },
      });
      return started;
    },
  };
}

export type AuditLogService = ReturnType<typeof auditLogService>;
