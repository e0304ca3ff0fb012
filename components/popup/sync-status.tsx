import { timeFormat } from '../../lib/i18n/formats';
import type { PopupModel } from './popup-model';
import { useActionState } from './use-action-state';

/** Where the list's data stands: offline, syncing, waiting for an administrator, or when it last synced. */
export function SyncStatus({ popup }: { popup: PopupModel }) {
  const t = popup.t.value;
  const status = popup.status.value;
  const checkAgain = useActionState();
  if (!status) return null;
  return (
    <div class="sync-status">
      {status.offline && (
        <p class="badge offline" role="status" data-testid="offline">
          {t('popup.offline')}
        </p>
      )}
      {status.pendingConfirmation && (
        <div class="notice" role="status" data-testid="pending-confirmation">
          <strong>{t('join.pending.title')}</strong> {t('join.pending.message')}{' '}
          <button type="button" class="link" onClick={() => void checkAgain.run(() => popup.act({ type: 'sync.now' }))}>
            {t('join.pending.checkAgain')}
          </button>
        </div>
      )}
      {status.syncing ? (
        <p class="muted">{t('popup.syncing')}</p>
      ) : (
        status.lastSyncAt !== null && <p class="muted">{t('popup.lastSynced', { time: timeFormat(popup.language.value).format(status.lastSyncAt) })}</p>
      )}
    </div>
  );
}
