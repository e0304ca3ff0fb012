import type { PasswordPolicy } from '../../lib/contract/app-settings';
import type { Translate } from '../../lib/i18n/translate';
import { tooSimilar } from '../../lib/vault/password-policy';
import { ChosenPasswordField } from '../form/chosen-password-field';
import { PasswordField } from '../form/password-field';
import { TextField } from '../form/text-field';

/** A new account's login and its two passwords, as typed. */
export interface AccountValues {
  login: string;
  loginPassword: string;
  masterPassword: string;
  confirmation: string;
}

/** A blank account form. */
export const EMPTY_ACCOUNT: AccountValues = { login: '', loginPassword: '', masterPassword: '', confirmation: '' };

/** What the user should fix before submitting, shown live as soon as both fields concerned are filled. */
function liveWarning(values: AccountValues, t: Translate): string | null {
  if (values.loginPassword && values.masterPassword && tooSimilar(values.loginPassword, values.masterPassword)) return t('credentials.error.tooSimilar');
  if (values.confirmation && values.confirmation !== values.masterPassword) return t('credentials.error.mismatch');
  return null;
}

/** Login, login password and master password (twice), each password checked against its policy as typed. */
export function AccountFields({ values, onChange, policy, t }: { values: AccountValues; onChange(values: AccountValues): void; policy: PasswordPolicy | null; t: Translate }) {
  const set = (key: keyof AccountValues) => (value: string) => onChange({ ...values, [key]: value });
  const warning = liveWarning(values, t);
  return (
    <>
      <TextField label={t('credentials.login')} value={values.login} onValue={set('login')} autocomplete="username" required />
      <ChosenPasswordField
        label={t('credentials.loginPassword')}
        hint={t('credentials.loginPassword.hint')}
        value={values.loginPassword}
        onValue={set('loginPassword')}
        rules={policy?.loginPassword ?? null}
        t={t}
      />
      <ChosenPasswordField
        label={t('credentials.masterPassword')}
        hint={t('credentials.masterPassword.hint')}
        value={values.masterPassword}
        onValue={set('masterPassword')}
        rules={policy?.masterPassword ?? null}
        t={t}
      />
      <PasswordField label={t('credentials.masterPasswordConfirm')} value={values.confirmation} onValue={set('confirmation')} autocomplete="new-password" required t={t} />
      {warning && <p class="warning">{warning}</p>}
    </>
  );
}
