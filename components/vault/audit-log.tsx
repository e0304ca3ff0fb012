import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { AuditEventRow, AuditFilterValues } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { downloadAuditExport, saveWithLink, type SaveFile } from './audit-download';
import { actorName, AuditEventDetails, targetName } from './audit-event-details';
import { AuditFilters } from './audit-filters';
import { sharedPermissions } from './shared-directory';
import { usePageAction } from './use-page-action';

// The audit log in the settings (issue #11, docs/audit.md "Viewer and exports"): for holders of
// viewAuditLog only, as GET /users/me reports it (the server refuses anyone else anyway).

/** Events per page of the table. */
export const AUDIT_PAGE = 50;

/** The "Audit log" section, shown to holders of viewAuditLog; `save` hands an export to the user. */
export function AuditLog({ page, save = saveWithLink }: { page: PopupModel; save?: SaveFile }) {
  const [allowed, setAllowed] = useState(false);
  useEffect(() => {
    sharedPermissions(page)
      .then((mine) => setAllowed(mine.permissions.includes('viewAuditLog')))
      .catch(() => setAllowed(false));
  }, [page.status.value?.login]);
  return allowed ? <AuditLogViewer page={page} save={save} /> : null;
}

function AuditLogViewer({ page, save }: { page: PopupModel; save: SaveFile }) {
  const t = page.t.value;
  const language = page.language.value;
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [events, setEvents] = useState<AuditEventRow[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [open, setOpen] = useState<AuditEventRow | null>(null);
  const [vaults, setVaults] = useState<{ id: string; name: string }[]>([]);
  const [received, setReceived] = useState<number | null>(null);
  const { failure, busy, run } = usePageAction();

  useEffect(() => {
    page
      .request({ type: 'vault.tree' })
      .then((tree) => setVaults(tree.vaults.map(({ id, name }) => ({ id, name }))))
      .catch(() => setVaults([]));
  }, []);
  useEffect(() => {
    setOpen(null);
    void run(async () => {
      const first = await page.request({ type: 'audit.events', filters, limit: AUDIT_PAGE });
      setEvents(first.events);
      setNextBefore(first.nextBefore);
    });
  }, [JSON.stringify(filters)]);

  const loadMore = () =>
    run(async () => {
      if (nextBefore === null) return;
      const more = await page.request({ type: 'audit.events', filters, before: nextBefore, limit: AUDIT_PAGE });
      setEvents([...(events ?? []), ...more.events]);
      setNextBefore(more.nextBefore);
    });

  const exportAs = (format: 'csv' | 'json') =>
    run(async () => {
      setReceived(0);
      try {
        await downloadAuditExport(page, format, filters, save, setReceived);
      } finally {
        setReceived(null);
      }
    });

  const when = (at: number) => timeFormat(language).format(at);
  return (
    <section class="section audit-log" aria-labelledby="audit-log-title" data-testid="audit-log">
      <h2 id="audit-log-title">{t('vault.audit.title')}</h2>
      <p class="muted">{t('vault.audit.text')}</p>
      <AuditFilters t={t} vaults={vaults} applied={filters} onApply={setFilters} />
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void exportAs('csv')}>
          {t('vault.audit.exportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportAs('json')}>
          {t('vault.audit.exportJson')}
        </button>
        {received !== null && (
          <span class="muted" role="status">
            {t('vault.audit.exporting', { kilobytes: Math.round(received / 1024) })}
          </span>
        )}
      </div>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {events === null ? (
        <p class="muted">{t('vault.list.loading')}</p>
      ) : events.length === 0 ? (
        <p class="muted">{t('vault.audit.none')}</p>
      ) : (
        <table class="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('vault.audit.column.when')}</th>
              <th scope="col">{t('vault.audit.column.who')}</th>
              <th scope="col">{t('vault.audit.column.what')}</th>
              <th scope="col">{t('vault.details.vault')}</th>
              <th scope="col">{t('vault.audit.column.target')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq} data-testid="audit-event" data-seq={event.seq} aria-selected={open?.seq === event.seq}>
                <td>{when(event.occurredAt)}</td>
                <td>{actorName(t, event)}</td>
                <td>
                  <button type="button" class="link" aria-label={t('vault.audit.open', { seq: event.seq })} onClick={() => setOpen(event)}>
                    {event.type}
                  </button>
                </td>
                <td>{event.vault ? (event.vault.name ?? event.vault.id) : ''}</td>
                <td>{targetName(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" disabled={busy} onClick={() => void loadMore()}>
          {t('vault.audit.more')}
        </button>
      )}
      {open && <AuditEventDetails t={t} language={language} event={open} onFilter={setFilters} onClose={() => setOpen(null)} />}
    </section>
  );
}
