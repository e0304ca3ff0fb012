import { useState } from 'preact/hooks';
import type { MessageKey } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { passwordChoiceProblem } from '../form/password-choice';
import { TextField } from '../form/text-field';
import { AccountFields, EMPTY_ACCOUNT } from './account-fields';
import { errorText } from './error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { useActionState } from './use-action-state';

/** Registers the organisation's owner with the server's one-time setup token (`account.setup`). */
export function OwnerSetupScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const action = useActionState();
  const [setupToken, setSetupToken] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const found = passwordChoiceProblem(popup.status.value?.policy ?? null, account);
    setProblem(found);
    if (found) return;
    const { login, loginPassword, masterPassword } = account;
    await action.run(() => popup.act({ type: 'account.setup', setupToken: setupToken.trim(), organisationName: organisationName.trim(), login, loginPassword, masterPassword }));
  }

  const failure = action.error.value;
  return (
    <Screen name="owner-setup" title={t('register.title')} intro={t('register.intro')}>
      <form onSubmit={submit}>
        <TextField label={t('register.setupToken')} hint={t('register.setupToken.hint')} value={setupToken} onValue={setSetupToken} autocomplete="off" required autoFocus />
        <TextField label={t('register.organisationName')} value={organisationName} onValue={setOrganisationName} autocomplete="organization" required />
        <AccountFields values={account} onChange={setAccount} policy={popup.status.value?.policy ?? null} t={t} />
        <ErrorAlert message={problem ? t(problem) : failure && errorText(t, failure)} />
        <div class="actions">
          <button type="button" onClick={onBack}>
            {t('common.back')}
          </button>
          <button type="submit" class="primary">
            {action.pending.value ? t('register.creating') : t('register.submit')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
