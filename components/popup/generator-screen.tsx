import { useMemo } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { StrengthMeter } from '../form/strength-meter';
import type { ClipboardModel } from './clipboard-model';
import { CopyNotice } from './copy-notice';
import { createGeneratorModel, type GeneratorMode, type GeneratorModel } from './generator-model';
import { PassphraseOptionsForm } from './passphrase-options';
import { PasswordOptionsForm } from './password-options';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';

function ModeChoice({ generator, t }: { generator: GeneratorModel; t: Translate }) {
  const modes: ReadonlyArray<[GeneratorMode, string]> = [
    ['password', t('generator.mode.password')],
    ['passphrase', t('generator.mode.passphrase')],
  ];
  // Native radios: arrow keys already move between them, and screen readers know the group.
  return (
    <fieldset class="modes">
      <legend class="visually-hidden">{t('generator.mode.label')}</legend>
      {modes.map(([mode, label]) => (
        <label key={mode} class="mode">
          <input type="radio" name="generator-mode" value={mode} checked={generator.mode.value === mode} onChange={() => void generator.setMode(mode)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Generates a password or passphrase that follows the organisation's policy, to copy into a sign-up form. */
export function GeneratorScreen({ popup, clipboard, onBack }: { popup: PopupModel; clipboard: ClipboardModel; onBack(): void }) {
  const t = popup.t.value;
  // Entries have no password rules of their own yet: the organisation's login-password rules stand in for them.
  const generator = useMemo(() => createGeneratorModel(popup.status.value?.policy?.loginPassword ?? null), [popup]);
  const bits = generator.entropyBits.value;
  return (
    <Screen name="generator" title={t('generator.title')} back={{ label: t('common.back'), onBack }}>
      <ModeChoice generator={generator} t={t} />
      <output class="generated" data-testid="generated" aria-live="off">
        {generator.value.value}
      </output>
      <ErrorAlert message={generator.failed.value ? t('generator.error.impossible') : null} />
      <div class="actions">
        <button type="button" onClick={generator.regenerate}>
          {t('generator.regenerate')}
        </button>
        <button type="button" class="primary" onClick={() => void clipboard.copyLoose(generator.value.value)}>
          {t('generator.copy')}
        </button>
      </div>
      <StrengthMeter bits={bits} t={t} />
      <p class="muted">
        {t('generator.entropy', { bits: Math.floor(bits) })}
        {generator.rules && ` · ${t('generator.followsPolicy')}`}
      </p>
      {generator.mode.value === 'password' ? <PasswordOptionsForm generator={generator} t={t} /> : <PassphraseOptionsForm generator={generator} t={t} />}
      <CopyNotice clipboard={clipboard} t={t} />
    </Screen>
  );
}
