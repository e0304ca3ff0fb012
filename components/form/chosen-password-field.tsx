import { useId } from 'preact/hooks';
import type { PasswordRules } from '../../lib/contract/app-settings';
import type { Translate } from '../../lib/i18n/translate';
import { PasswordField } from './password-field';
import { estimateStrengthBits } from './password-strength';
import { PolicyChecklist } from './policy-checklist';
import { StrengthMeter } from './strength-meter';

/** A new password being chosen: the field, its strength, and the organisation's rules checked live. */
export interface ChosenPasswordFieldProps {
  label: string;
  hint?: string;
  value: string;
  onValue(value: string): void;
  /** Null until the server's policy is known; the server and the background still enforce it. */
  rules: PasswordRules | null;
  t: Translate;
}

/** A password field for a new password with a strength meter and the policy's checklist under it. */
export function ChosenPasswordField({ label, hint, value, onValue, rules, t }: ChosenPasswordFieldProps) {
  const id = useId();
  const describedBy = rules ? `${id}-strength ${id}-policy` : `${id}-strength`;
  return (
    <div class="chosen-password">
      <PasswordField label={label} hint={hint} value={value} onValue={onValue} autocomplete="new-password" required describedBy={describedBy} t={t} />
      <StrengthMeter bits={estimateStrengthBits(value)} t={t} id={`${id}-strength`} />
      {rules && <PolicyChecklist rules={rules} password={value} t={t} id={`${id}-policy`} />}
    </div>
  );
}
