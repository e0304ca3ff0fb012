import { useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import type { SignInModel } from './sign-in-model';

/** The second sign-in step: the six-digit code from the user's authenticator app. */
export function TotpStep({ popup, model }: { popup: PopupModel; model: SignInModel }) {
  const t = popup.t.value;
  const [code, setCode] = useState('');
  const failure = model.action.error.value;
  return (
    <Screen name="sign-in-code" title={t('signIn.totp.title')} intro={t('signIn.totp.prompt')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void model.submitCode(code.replace(/\s/g, ''));
        }}
      >
        <TextField
          label={t('signIn.totp.code')}
          value={code}
          onValue={setCode}
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
          autoFocus
        />
        <ErrorAlert message={failure && errorText(t, failure)} />
        <div class="actions">
          <button type="button" onClick={model.backToCredentials}>
            {t('common.back')}
          </button>
          <button type="submit" class="primary">
            {model.action.pending.value ? t('signIn.signingIn') : t('signIn.totp.verify')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
