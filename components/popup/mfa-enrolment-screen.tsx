import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { useActionState } from './use-action-state';

/** A TOTP key in groups of four, as people type it into an authenticator app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?!$)/g, '$1 ');
}

/**
 * Signed in, but the organisation requires two-step sign-in and this account has no second factor
 * (issue #10): the key to type into an authenticator app (the otpauth address as text: no QR code
 * in the popup), a code to confirm it, the recovery codes once, then the usual unlock.
 */
export function MfaEnrolmentScreen({ popup }: { popup: PopupModel }) {
  const t = popup.t.value;
  const action = useActionState();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const failure = action.error.value;
  const login = popup.status.value?.login;

  useEffect(() => void action.run(async () => setEnrolment(await popup.request({ type: 'mfa.start' }))), []);

  async function confirm(event: Event): Promise<void> {
    event.preventDefault();
    await action.run(async () => setRecoveryCodes((await popup.request({ type: 'mfa.confirm', code })).recoveryCodes));
    setCode('');
  }

  if (recoveryCodes)
    return (
      <Screen name="mfa-recovery" title={t('vault.settings.mfa.recoveryTitle')} intro={t('vault.settings.mfa.recoveryText')}>
        <ul class="recovery-codes" data-testid="mfa-recovery">
          {recoveryCodes.map((recovery) => (
            <li key={recovery}>
              <code>{recovery}</code>
            </li>
          ))}
        </ul>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void popup.refresh()}>
            {t('common.continue')}
          </button>
        </div>
      </Screen>
    );

  return (
    <Screen name="mfa-enrolment" title={t('enrol.title')} intro={login ? t('enrol.intro', { login }) : undefined}>
      {enrolment && (
        <form onSubmit={(event) => void confirm(event)}>
          <p>{t('enrol.secret')}</p>
          <p>
            <code data-testid="enrol-secret">{groupedSecret(enrolment.secret)}</code>
          </p>
          <label class="field">
            <span>{t('enrol.uri')}</span>
            <input type="text" readOnly value={enrolment.uri} onFocus={(event) => event.currentTarget.select()} spellcheck={false} />
          </label>
          <button type="button" class="link" onClick={() => void popup.environment.clipboard.writeText(enrolment.uri)}>
            {t('enrol.copyUri')}
          </button>
          <TextField label={t('vault.settings.mfa.code')} value={code} onValue={setCode} inputMode="numeric" pattern="[0-9]{6}" maxLength={6} autocomplete="one-time-code" required autoFocus />
          <ErrorAlert message={failure && errorText(t, failure)} />
          <div class="actions">
            <button type="button" onClick={() => void popup.act({ type: 'session.signOut' })}>
              {t('unlock.signOut')}
            </button>
            <button type="submit" class="primary" disabled={action.pending.value || code.length !== 6}>
              {t('vault.settings.mfa.confirm')}
            </button>
          </div>
        </form>
      )}
      {!enrolment && <ErrorAlert message={failure && errorText(t, failure)} />}
    </Screen>
  );
}
