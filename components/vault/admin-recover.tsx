import { useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import { errorText } from '../../lib/i18n/error-text';
import type { AdminUserRow, RecoveryCreated } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/**
 * Recovery of an account whose master password is forgotten: what is lost said first, then the
 * link (shown once, to copy) that lets its user make new keys. Their certificate follows in the
 * certificates waiting, compared by fingerprint like a newcomer's.
 */
export function AdminRecover({ page, user, onDone }: { page: PopupModel; user: AdminUserRow; onDone(): void }) {
  const t = page.t.value;
  const [created, setCreated] = useState<RecoveryCreated | null>(null);
  const [copied, setCopied] = useState(false);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const start = () => run(async () => setCreated(await page.request({ type: 'admin.recover', userId: user.id })));
  const copy = (link: string) =>
    run(async () => {
      await page.environment.clipboard.writeText(link);
      setCopied(true);
    });

  return (
    <div class="admin-recover" data-testid="admin-recover" role="group" aria-label={t('vault.admin.recover.title', { login: user.login })}>
      <p class="warning" data-testid="admin-recover-warning">
        {t('vault.admin.recover.warning', { login: user.login })}
      </p>
      {created ? (
        <div data-testid="recovery-link">
          <label class="field">
            <span>{t('vault.admin.recover.link', { login: created.login })}</span>
            <input type="text" readOnly value={created.link} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <p class="muted">{t('vault.admin.recover.linkText', { login: created.login, expires: when(created.expiresAt) })}</p>
          <div class="actions">
            <button type="button" onClick={() => void copy(created.link)}>
              {t('vault.admin.invite.copy')}
            </button>
            <button type="button" onClick={onDone}>
              {t('vault.settings.mfa.done')}
            </button>
          </div>
          {copied && <span role="status">{t('vault.admin.invite.copied')}</span>}
        </div>
      ) : (
        <div class="actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="button" class="danger" disabled={busy} onClick={() => void start()}>
            {t('vault.admin.recover.submit')}
          </button>
        </div>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
