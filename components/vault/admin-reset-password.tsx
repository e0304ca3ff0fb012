import { useState } from 'preact/hooks';
import { errorText, type ErrorOverrides } from '../../lib/i18n/error-text';
import type { AdminUserRow } from '../../lib/messages/protocol';
import type { PasswordRules } from '../../lib/contract/app-settings';
import { checkPassword } from '../../lib/vault/password-policy';
import { ErrorAlert } from '../form/error-alert';
import { PasswordField } from '../form/password-field';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

// The server's `weakPassword`: the organisation's login password policy refused it.
const RESET_ERRORS: ErrorOverrides = { passwordChoice: 'vault.admin.reset.weak' };

/** A new login password for another account, typed twice and checked against the policy before the server checks it again. */
export function AdminResetPassword({ page, user, rules, onDone }: { page: PopupModel; user: AdminUserRow; rules: PasswordRules | null; onDone(): void }) {
  const t = page.t.value;
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { failure, busy, run } = usePageAction();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (password !== repeat) return setProblem(t('vault.admin.reset.mismatch'));
    if (rules && checkPassword(rules, password).length > 0) return setProblem(t('vault.admin.reset.weak'));
    setProblem(null);
    if (await run(async () => void (await page.request({ type: 'admin.resetLoginPassword', userId: user.id, password })))) {
      setPassword('');
      setRepeat('');
      setDone(true);
    }
  }

  if (done)
    return (
      <div data-testid="admin-reset-done">
        <p role="status">{t('vault.admin.reset.done', { login: user.login })}</p>
        <button type="button" onClick={onDone}>
          {t('vault.settings.mfa.done')}
        </button>
      </div>
    );
  return (
    <form aria-label={t('vault.admin.reset.title', { login: user.login })} onSubmit={(event) => void submit(event)}>
      <p class="muted">{t('vault.admin.reset.note', { login: user.login })}</p>
      <PasswordField label={t('vault.admin.reset.password')} value={password} onValue={setPassword} autocomplete="new-password" required t={t} />
      <PasswordField label={t('vault.admin.reset.repeat')} value={repeat} onValue={setRepeat} autocomplete="new-password" required t={t} />
      <ErrorAlert message={problem ?? (failure && errorText(t, failure, RESET_ERRORS))} />
      <div class="actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={busy || password === ''}>
          {t('vault.admin.reset.submit')}
        </button>
      </div>
    </form>
  );
}
