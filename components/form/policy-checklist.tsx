import type { PasswordRules } from '../../lib/contract/app-settings';
import type { Translate } from '../../lib/i18n/translate';
import { checkPassword, type PolicyViolation } from '../../lib/vault/password-policy';

/** The rules that apply: the length always, the others only when the organisation requires them. */
function activeRules(rules: PasswordRules): PolicyViolation[] {
  const required: PolicyViolation[] = ['minLength'];
  if (rules.requireUppercase) required.push('requireUppercase');
  if (rules.requireDigits) required.push('requireDigits');
  if (rules.requireSpecial) required.push('requireSpecial');
  return required;
}

/** The organisation's rules for a password, each marked met or not as the user types. */
export function PolicyChecklist({ rules, password, t, id }: { rules: PasswordRules; password: string; t: Translate; id?: string }) {
  const broken = new Set(checkPassword(rules, password));
  return (
    <ul class="policy" id={id}>
      {activeRules(rules).map((rule) => {
        const met = !broken.has(rule);
        return (
          <li key={rule} data-met={String(met)}>
            <span aria-hidden="true">{met ? '✓' : '✗'}</span> {t(`credentials.policy.${rule}`, { min: rules.minLength })}
            <span class="visually-hidden">{met ? t('credentials.policy.met') : t('credentials.policy.notMet')}</span>
          </li>
        );
      })}
    </ul>
  );
}
