import { useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { PasswordField } from '../form/password-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { useActionState } from './use-action-state';

/**
 * Unlocks the vault with the master password (`session.unlock`). A changed organisation key stops
 * here for good: continuing could encrypt new entries to a key an attacker controls.
 */
export function UnlockScreen({ popup }: { popup: PopupModel }) {
  const t = popup.t.value;
  const unlock = useActionState();
  const signOut = useActionState();
  const [masterPassword, setMasterPassword] = useState('');
  const failure = unlock.error.value ?? signOut.error.value;
  const stopped = failure?.code === 'organisationKeyChanged';
  const login = popup.status.value?.login;

  async function submit(event: Event) {
    event.preventDefault();
    if (stopped) return;
    await unlock.run(() => popup.unlock(masterPassword));
    // Never leave a rejected master password in the field to be submitted again by accident.
    if (unlock.error.value) setMasterPassword('');
  }

  return (
    <Screen name="unlock" title={t('unlock.title')} intro={login ? t('unlock.signedInAs', { login }) : undefined}>
      <form onSubmit={submit}>
        <PasswordField
          label={t('credentials.masterPassword')}
          value={masterPassword}
          onValue={setMasterPassword}
          autocomplete="current-password"
          invalid={failure !== null}
          disabled={stopped}
          required
          autoFocus
          t={t}
        />
        <ErrorAlert message={failure && errorText(t, failure)} />
        <div class="actions">
          <button type="button" onClick={() => void signOut.run(() => popup.act({ type: 'session.signOut' }))}>
            {t('unlock.signOut')}
          </button>
          {!stopped && (
            <button type="submit" class="primary">
              {unlock.pending.value ? t('unlock.unlocking') : t('unlock.submit')}
            </button>
          )}
        </div>
      </form>
    </Screen>
  );
}
