import type { Translate } from '../../lib/i18n/translate';
import { PASSWORD_LENGTH, type CharacterClass } from '../../lib/vault/generator';
import { CheckboxField } from '../form/checkbox-field';
import { RangeField } from '../form/range-field';
import type { GeneratorModel } from './generator-model';

const CLASSES: ReadonlyArray<[CharacterClass, 'generator.uppercase' | 'generator.lowercase' | 'generator.digits' | 'generator.symbols']> = [
  ['upper', 'generator.uppercase'],
  ['lower', 'generator.lowercase'],
  ['digits', 'generator.digits'],
  ['symbols', 'generator.symbols'],
];

/** The character classes the policy forces on: shown ticked and locked rather than silently overridden. */
function requiredByPolicy(generator: GeneratorModel): Record<CharacterClass, boolean> {
  const rules = generator.rules;
  return { upper: rules?.requireUppercase ?? false, lower: false, digits: rules?.requireDigits ?? false, symbols: rules?.requireSpecial ?? false };
}

/** Length, character classes and look-alikes for random-character passwords. */
export function PasswordOptionsForm({ generator, t }: { generator: GeneratorModel; t: Translate }) {
  const options = generator.passwordOptions.value;
  const required = requiredByPolicy(generator);
  const chosen = CLASSES.filter(([name]) => options.classes[name]).length;
  return (
    <div class="options">
      <RangeField
        label={t('generator.length')}
        value={options.length}
        min={Math.max(PASSWORD_LENGTH.min, generator.rules?.minLength ?? 0)}
        max={PASSWORD_LENGTH.max}
        onValue={(length) => generator.setPasswordOptions({ length })}
      />
      {CLASSES.map(([name, label]) => (
        <CheckboxField
          key={name}
          label={t(label)}
          checked={options.classes[name]}
          // The last class left cannot be switched off: a password needs characters from somewhere.
          disabled={required[name] || (options.classes[name] && chosen === 1)}
          note={required[name] ? t('generator.followsPolicy') : undefined}
          onChecked={(on) => generator.setCharacterClass(name, on)}
        />
      ))}
      <CheckboxField label={t('generator.avoidAmbiguous')} checked={options.avoidAmbiguous} onChecked={(avoidAmbiguous) => generator.setPasswordOptions({ avoidAmbiguous })} />
    </div>
  );
}
