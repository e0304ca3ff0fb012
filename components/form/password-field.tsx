import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import { TextField, type TextFieldProps } from './text-field';

/** A password input with a show/hide toggle, so a long master password can be checked before submitting. */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'trailing'> & { t: Translate }) {
  const [visible, setVisible] = useState(false);
  const { t, ...field } = props;
  const toggle = (
    <button type="button" class="toggle" aria-pressed={visible} onClick={() => setVisible(!visible)}>
      {visible ? t('common.hidePassword') : t('common.showPassword')}
    </button>
  );
  return <TextField {...field} type={visible ? 'text' : 'password'} trailing={toggle} />;
}
