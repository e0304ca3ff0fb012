import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { passwordChoiceProblem } from '../form/password-choice';
import { AccountFields, EMPTY_ACCOUNT, type AccountValues } from './account-fields';
import { errorText, type ErrorOverrides } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { useActionState } from './use-action-state';

/**
 * The form both ways of making an account share (owner setup, invitation): the screen's own fields
 * as `children`, then login and the two passwords checked against the policy before `send` runs.
 */
export function NewAccountForm({
  popup,
  onBack,
  submitLabel,
  pendingLabel,
  send,
  errors,
  children,
}: {
  popup: PopupModel;
  onBack(): void;
  submitLabel: MessageKey;
  pendingLabel: MessageKey;
  send(account: Pick<AccountValues, 'login' | 'loginPassword' | 'masterPassword'>): Promise<unknown>;
  /** How this screen words some failures (a recovery link is not an invitation). */
  errors?: ErrorOverrides;
  children: ComponentChildren;
}) {
  const t = popup.t.value;
  const action = useActionState();
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const found = passwordChoiceProblem(popup.status.value?.policy ?? null, account);
    setProblem(found);
    if (found) return;
    const { login, loginPassword, masterPassword } = account;
    await action.run(() => send({ login, loginPassword, masterPassword }));
  }

  const failure = action.error.value;
  return (
    <form onSubmit={submit}>
      {children}
      <AccountFields values={account} onChange={setAccount} policy={popup.status.value?.policy ?? null} t={t} />
      <ErrorAlert message={problem ? t(problem) : failure && errorText(t, failure, errors)} />
      <div class="actions">
        <button type="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" class="primary">
          {action.pending.value ? t(pendingLabel) : t(submitLabel)}
        </button>
      </div>
    </form>
  );
}
