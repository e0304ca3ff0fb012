import { useEffect, useState } from 'preact/hooks';
import type { PasswordPolicy, PasswordRules } from '../../lib/contract/app-settings';
import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/translate';
import { CheckboxField } from '../form/checkbox-field';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

const KINDS = [
  ['loginPassword', 'vault.admin.policy.loginPassword'],
  ['masterPassword', 'vault.admin.policy.masterPassword'],
] as const;
const REQUIREMENTS = [
  ['requireUppercase', 'vault.admin.policy.requireUppercase'],
  ['requireDigits', 'vault.admin.policy.requireDigits'],
  ['requireSpecial', 'vault.admin.policy.requireSpecial'],
] as const;
// The server's bounds for a minimum length (lib/contract/app-settings.ts).
const MIN_LENGTH = 8;
const MAX_LENGTH = 128;

/** One kind of password's rules: a minimum length and the characters it must contain. */
function RulesFields({ t, legend, rules, onRules }: { t: Translate; legend: string; rules: PasswordRules; onRules(rules: PasswordRules): void }) {
  const [length, setLength] = useState(String(rules.minLength));
  const valid = /^\d+$/.test(length) && Number(length) >= MIN_LENGTH && Number(length) <= MAX_LENGTH;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <TextField
        label={t('vault.admin.policy.minLength')}
        hint={t('vault.admin.policy.minLengthHint', { min: MIN_LENGTH, max: MAX_LENGTH })}
        value={length}
        inputMode="numeric"
        invalid={!valid}
        onValue={(value) => {
          setLength(value);
          if (/^\d+$/.test(value)) onRules({ ...rules, minLength: Number(value) });
        }}
      />
      {REQUIREMENTS.map(([field, key]) => (
        <CheckboxField key={field} label={t(key)} checked={rules[field]} onChecked={(on) => onRules({ ...rules, [field]: on })} />
      ))}
    </fieldset>
  );
}

const inBounds = (policy: PasswordPolicy) => KINDS.every(([kind]) => Number.isInteger(policy[kind].minLength) && policy[kind].minLength >= MIN_LENGTH && policy[kind].minLength <= MAX_LENGTH);

/**
 * "Password policy" (holders of managePolicies): the rules for login passwords, which the server
 * enforces, and for master passwords, which each client checks when one is chosen or changed.
 */
export function AdminPasswordPolicy({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  const [saved, setSaved] = useState(false);
  const { failure, busy, run } = usePageAction();
  useEffect(() => void run(async () => setPolicy(await page.request({ type: 'admin.passwordPolicy' }))), []);
  if (!policy) return <ErrorAlert message={failure && errorText(t, failure)} />;

  function save(event: Event): void {
    event.preventDefault();
    if (!policy || !inBounds(policy)) return;
    void run(async () => {
      setPolicy(await page.request({ type: 'admin.setPasswordPolicy', policy }));
      setSaved(true);
    });
  }

  return (
    <form class="admin-password-policy" data-testid="admin-password-policy" onSubmit={save}>
      <h3>{t('vault.admin.policy.title')}</h3>
      <p class="muted">{t('vault.admin.policy.text')}</p>
      {KINDS.map(([kind, key]) => (
        <RulesFields
          key={kind}
          t={t}
          legend={t(key)}
          rules={policy[kind]}
          onRules={(rules) => {
            setSaved(false);
            setPolicy({ ...policy, [kind]: rules });
          }}
        />
      ))}
      <button type="submit" disabled={busy || !inBounds(policy)}>
        {t('vault.admin.policy.save')}
      </button>
      {saved && (
        <p role="status" class="muted">
          {t('vault.admin.policy.saved')}
        </p>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </form>
  );
}
