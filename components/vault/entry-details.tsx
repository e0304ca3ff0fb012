import { timeFormat } from '../../lib/i18n/formats';
import type { ListRow } from '../../lib/messages/protocol';
import type { ClipboardModel } from '../popup/clipboard-model';
import type { PopupModel } from '../popup/popup-model';
import { TotpPanel } from '../popup/totp-panel';

/** The active entry beside the list: what the list knows of it, and its copy buttons and one-time code. */
export function EntryDetails({ page, clipboard, row, vaultName }: { page: PopupModel; clipboard: ClipboardModel; row: ListRow | undefined; vaultName: string | undefined }) {
  const t = page.t.value;
  const when = (at: number) => timeFormat(page.language.value).format(at);
  if (!row) {
    return (
      <aside class="entry-details" aria-label={t('vault.details.label')}>
        <p class="muted">{t('vault.details.none')}</p>
      </aside>
    );
  }
  return (
    <aside class="entry-details" aria-label={t('vault.details.label')} data-testid="entry-details">
      <h2 class="details-name">{row.name || t('popup.entry.untitled')}</h2>
      {row.deletedAt !== null && <p class="badge offline">{t('vault.details.inTrash', { time: when(row.deletedAt) })}</p>}
      <dl>
        {row.login && (
          <>
            <dt>{t('credentials.login')}</dt>
            <dd>{row.login}</dd>
          </>
        )}
        {row.host && (
          <>
            <dt>{t('vault.details.website')}</dt>
            <dd>{row.host}</dd>
          </>
        )}
        {vaultName && (
          <>
            <dt>{t('vault.details.vault')}</dt>
            <dd>{vaultName}</dd>
          </>
        )}
        {row.tags.length > 0 && (
          <>
            <dt>{t('vault.nav.tags')}</dt>
            <dd>{row.tags.join(', ')}</dd>
          </>
        )}
        <dt>{t('vault.details.updated')}</dt>
        <dd>{when(row.updatedAt)}</dd>
      </dl>
      <div class="actions details-actions">
        {row.login && (
          <button type="button" onClick={() => void clipboard.copyEntryField(row.id, 'login')}>
            {t('popup.copyLogin')}
          </button>
        )}
        {row.hasPassword && (
          <button type="button" class="primary" onClick={() => void clipboard.copyEntryField(row.id, 'password')}>
            {t('popup.copyPassword')}
          </button>
        )}
      </div>
      {row.hasTotp && <TotpPanel key={row.id} popup={page} clipboard={clipboard} itemId={row.id} id={`totp-${row.id}`} />}
    </aside>
  );
}
