import { useEffect, useState } from 'preact/hooks';
import { errorText, type ErrorOverrides } from '../../lib/i18n/error-text';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

// The server's 409: the administrator has no second factor of their own yet.
const RULE_ERRORS: ErrorOverrides = { conflict: 'vault.admin.mfa.needOwnFactor' };

/** "Two-step sign-in for everyone": the organisation's rule, on or off. */
export function AdminMfaRule({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [required, setRequired] = useState<boolean | null>(null);
  const { failure, busy, run } = usePageAction();
  useEffect(() => void run(async () => setRequired((await page.request({ type: 'admin.mfaRule' })).requireMfa)), []);

  const change = (on: boolean) => run(async () => setRequired((await page.request({ type: 'admin.requireMfa', on })).requireMfa));

  return (
    <div class="admin-mfa-rule" data-testid="admin-mfa-rule">
      <h3>{t('vault.admin.mfa.title')}</h3>
      {required !== null && (
        <>
          <p class="muted">{t(required ? 'vault.admin.mfa.textOn' : 'vault.admin.mfa.textOff')}</p>
          <button type="button" disabled={busy} onClick={() => void change(!required)}>
            {t(required ? 'vault.admin.mfa.stop' : 'vault.admin.mfa.require')}
          </button>
        </>
      )}
      <ErrorAlert message={failure && errorText(t, failure, RULE_ERRORS)} />
    </div>
  );
}
