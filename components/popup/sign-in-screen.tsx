import { useMemo, useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { PasswordField } from '../form/password-field';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { createSignInModel } from './sign-in-model';
import { TotpStep } from './totp-step';

/** Where the sign-in screen's links lead. */
export interface SignInLinks {
  onSetUp(): void;
  onJoin(): void;
  onChangeServer(): void;
}

/** Login and login password (`session.login`), then the TOTP step when the account has one. */
export function SignInScreen({ popup, links }: { popup: PopupModel; links: SignInLinks }) {
  const t = popup.t.value;
  const model = useMemo(() => createSignInModel(popup), [popup]);
  const [login, setLogin] = useState(popup.status.value?.login ?? '');
  const [password, setPassword] = useState('');
  if (model.step.value === 'code') return <TotpStep popup={popup} model={model} />;

  const failure = model.action.error.value;
  return (
    <Screen name="sign-in" title={t('signIn.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void model.submitCredentials(login, password);
        }}
      >
        <TextField label={t('credentials.login')} value={login} onValue={setLogin} autocomplete="username" required autoFocus />
        <PasswordField label={t('credentials.loginPassword')} value={password} onValue={setPassword} autocomplete="current-password" required t={t} />
        <ErrorAlert message={failure && errorText(t, failure)} />
        <div class="actions">
          <button type="submit" class="primary">
            {model.action.pending.value ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </div>
      </form>
      <nav class="links" aria-label={t('signIn.otherWays')}>
        <button type="button" class="link" onClick={links.onSetUp}>
          {t('signIn.setUpServer')}
        </button>
        <button type="button" class="link" onClick={links.onJoin}>
          {t('signIn.haveInvitation')}
        </button>
        <button type="button" class="link" onClick={links.onChangeServer}>
          {t('signIn.changeServer')}
        </button>
      </nav>
      <p class="muted server-line">{popup.status.value?.serverUrl}</p>
    </Screen>
  );
}
