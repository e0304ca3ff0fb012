import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { InboxRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

// Entries sent to the user (docs/vault-page.md, "Sharing one entry"): who sent which entry when.
// The worker verified each sender's certificate, signature and the share's addressing before
// listing it as openable; one that fails says so and stays closed.

/** The Inbox panel. */
export function Inbox({ page, onOpen, onClose }: { page: PopupModel; onOpen(shareId: string): void; onClose(): void }) {
  const t = page.t.value;
  const [rows, setRows] = useState<InboxRow[] | null>(null);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);
  const reload = async () => setRows(await page.request({ type: 'inbox.list' }));
  useEffect(() => void run(reload), []);
  return (
    <aside class="entry-details" aria-labelledby="inbox-title" data-testid="inbox">
      <h2 id="inbox-title">{t('vault.inbox.title')}</h2>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {rows === null ? <p class="muted">{t('vault.list.loading')}</p> : rows.length === 0 && <p class="muted">{t('vault.inbox.empty')}</p>}
      <ul class="plain">
        {rows?.map((row) => (
          <li key={row.id} data-testid="inbox-row">
            <strong>{row.name}</strong> {row.login && <span class="muted">{row.login}</span>}
            <p class="muted">{t('vault.inbox.from', { login: row.senderLogin, time: when(row.createdAt) })}</p>
            {row.problem === 'unverified' && <p class="error">{t('vault.inbox.unverified')}</p>}
            {row.problem === 'stale' && <p class="warning">{t('vault.shortcuts.stale')}</p>}
            <div class="actions">
              <button type="button" disabled={row.problem !== null} onClick={() => onOpen(row.id)}>
                {t('vault.inbox.open')}
              </button>
              <button type="button" disabled={busy} onClick={() => void run(async () => (await page.request({ type: 'inbox.remove', shareId: row.id }), await reload()))}>
                {t('vault.inbox.dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
    </aside>
  );
}
