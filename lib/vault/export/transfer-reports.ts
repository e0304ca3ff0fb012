import type { ApiClient } from '../../api/client';
import { MAX_CLIENT_EVENTS, reportClientEventsRoute, type TransferEvent } from '../../contract/client-events';
import { newId } from '../owner-setup';
import type { ExportFormat } from './write-export';

// The server never sees an export or an import as a whole (zero knowledge: it only serves sealed
// entries, and an import is many ordinary creations), so the client reports both to the audit log.
// An export is reported before its file is written: if the report cannot be recorded, the export
// does not happen, so no export leaves a device without its event.

/** Records one `vault.exported` event per vault, sharing one export id; throws when the server refuses. */
export async function reportExport(api: ApiClient, vaultIds: readonly string[], format: ExportFormat): Promise<void> {
  const exportId = newId();
  const events: TransferEvent[] = vaultIds.map((vaultId) => ({ type: 'vault.exported', vaultId, format, exportId, at: Date.now() }));
  for (let start = 0; start < events.length; start += MAX_CLIENT_EVENTS) await api.call(reportClientEventsRoute, { body: { events: events.slice(start, start + MAX_CLIENT_EVENTS) } });
}

/** Records the `import.completed` summary of an import into `vaultId`. */
export async function reportImport(api: ApiClient, vaultId: string, format: string, counts: { imported: number; skipped: number }): Promise<void> {
  await api.call(reportClientEventsRoute, { body: { events: [{ type: 'import.completed', vaultId, format, imported: counts.imported, skipped: counts.skipped, at: Date.now() }] } });
}
