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

/** Creates an account from an administrator's invitation link (`account.join`). */
export function JoinScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const action = useActionState();
  const [invitationLink, setInvitationLink] = useState('');
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const found = passwordChoiceProblem(popup.status.value?.policy ?? null, account);
    setProblem(found);
    if (found) return;
    const { login, loginPassword, masterPassword } = account;
    await action.run(() => popup.act({ type: 'account.join', invitationLink: invitationLink.trim(), login, loginPassword, masterPassword }));
  }

  const failure = action.error.value;
  return (
    <Screen name="join" title={t('join.title')}>
      <form onSubmit={submit}>
        <TextField label={t('join.link')} placeholder={t('join.link.placeholder')} value={invitationLink} onValue={setInvitationLink} type="url" autocomplete="off" required autoFocus />
        <AccountFields values={account} onChange={setAccount} policy={popup.status.value?.policy ?? null} t={t} />
        <ErrorAlert message={problem ? t(problem) : failure && errorText(t, failure)} />
        <div class="actions">
          <button type="button" onClick={onBack}>
            {t('common.back')}
          </button>
          <button type="submit" class="primary">
            {action.pending.value ? t('join.joining') : t('join.submit')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
