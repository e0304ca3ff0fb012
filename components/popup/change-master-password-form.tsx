import { useState } from 'preact/hooks';
import type { MessageKey } from '../../lib/i18n/translate';
import { ChosenPasswordField } from '../form/chosen-password-field';
import { ErrorAlert } from '../form/error-alert';
import { passwordChoiceProblem } from '../form/password-choice';
import { PasswordField } from '../form/password-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { useActionState } from './use-action-state';

/** Changes the master password (`masterPassword.change`); the new one is checked against the policy as typed. */
export function ChangeMasterPasswordForm({ popup }: { popup: PopupModel }) {
  const t = popup.t.value;
  const action = useActionState();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState(false);
  const policy = popup.status.value?.policy ?? null;

  async function submit(event: Event) {
    event.preventDefault();
    setDone(false);
    const found = passwordChoiceProblem(policy, { masterPassword: next, confirmation });
    setProblem(found);
    if (found) return;
    const changed = await action.run(() => popup.act({ type: 'masterPassword.change', current, next }));
    if (!changed) return;
    setCurrent('');
    setNext('');
    setConfirmation('');
    setDone(true);
  }

  const failure = action.error.value;
  return (
    <form onSubmit={submit} class="change-master-password">
      <PasswordField label={t('settings.changeMasterPassword.current')} value={current} onValue={setCurrent} autocomplete="current-password" required t={t} />
      <ChosenPasswordField label={t('settings.changeMasterPassword.new')} value={next} onValue={setNext} rules={policy?.masterPassword ?? null} t={t} />
      <PasswordField label={t('settings.changeMasterPassword.confirm')} value={confirmation} onValue={setConfirmation} autocomplete="new-password" required t={t} />
      <ErrorAlert message={problem ? t(problem) : failure && errorText(t, failure, { wrongMasterPassword: 'settings.changeMasterPassword.wrongCurrent' })} />
      {done && (
        <p class="success" role="status">
          {t('settings.changeMasterPassword.done')}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {action.pending.value ? t('settings.changeMasterPassword.changing') : t('settings.changeMasterPassword.submit')}
        </button>
      </div>
    </form>
  );
}
