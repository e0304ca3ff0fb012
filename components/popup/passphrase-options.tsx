import type { Translate } from '../../lib/i18n/translate';
import { CheckboxField } from '../form/checkbox-field';
import { RangeField } from '../form/range-field';
import { TextField } from '../form/text-field';
import type { GeneratorModel } from './generator-model';

/** Word count, separator, capitals and a digit for passphrases; shown once the word list has loaded. */
export function PassphraseOptionsForm({ generator, t }: { generator: GeneratorModel; t: Translate }) {
  const options = generator.passphraseOptions.value;
  const loaded = generator.passphrase.value;
  if (!options || !loaded) return <div class="options" aria-busy="true" />;
  const rules = generator.rules;
  return (
    <div class="options">
      <RangeField label={t('generator.words')} value={options.words} min={loaded.limits.min} max={loaded.limits.max} onValue={(words) => generator.setPassphraseOptions({ words })} />
      <TextField label={t('generator.separator')} value={options.separator} maxLength={3} autocomplete="off" onValue={(separator) => generator.setPassphraseOptions({ separator })} />
      <CheckboxField
        label={t('generator.capitalise')}
        checked={options.capitalise}
        disabled={rules?.requireUppercase}
        note={rules?.requireUppercase ? t('generator.followsPolicy') : undefined}
        onChecked={(capitalise) => generator.setPassphraseOptions({ capitalise })}
      />
      <CheckboxField
        label={t('generator.includeNumber')}
        checked={options.includeNumber}
        disabled={rules?.requireDigits}
        note={rules?.requireDigits ? t('generator.followsPolicy') : undefined}
        onChecked={(includeNumber) => generator.setPassphraseOptions({ includeNumber })}
      />
    </div>
  );
}
