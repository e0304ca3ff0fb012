import { LANGUAGE_NAMES, LANGUAGES, type LanguageSetting } from '../../lib/i18n/languages';
import type { Translate } from '../../lib/i18n/translate';
import { CLIPBOARD_CLEAR_SECONDS } from '../../lib/settings/clipboard-clear';
import { ErrorAlert } from '../form/error-alert';
import { SelectField, type SelectOption } from '../form/select-field';
import { ChangeMasterPasswordForm } from './change-master-password-form';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { useActionState } from './use-action-state';

/** The auto-lock choices offered; the current value joins them when it is something else. */
export const AUTO_LOCK_MINUTES = [1, 5, 15, 30, 60, 240, 480] as const;

function languageOptions(t: Translate): SelectOption[] {
  // Each language is named in itself, so people find theirs whatever the popup speaks now.
  return [{ value: 'auto', label: t('settings.language.auto') }, ...LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language], lang: language }))];
}

function autoLockOptions(t: Translate, current: number): SelectOption[] {
  const minutes = [...new Set([...AUTO_LOCK_MINUTES, current])].sort((a, b) => a - b);
  return minutes.map((value) => ({ value: String(value), label: t('settings.autoLock.after', { minutes: value }) }));
}

function clipboardOptions(t: Translate): SelectOption[] {
  return CLIPBOARD_CLEAR_SECONDS.map((seconds) => ({ value: String(seconds), label: t('settings.clipboard.after', { seconds }) }));
}

/** Language, auto-lock, clipboard clearing, lock, master password, sign-out, and which server this is. */
export function SettingsScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const status = popup.status.value;
  const action = useActionState();
  if (!status) return null;
  const send = (request: Parameters<PopupModel['act']>[0]) => void action.enqueue(() => popup.act(request));
  const failure = action.error.value;
  return (
    <Screen name="settings" title={t('settings.title')} back={{ label: t('common.back'), onBack }}>
      <SelectField label={t('settings.language')} value={status.language} options={languageOptions(t)} onValue={(language) => send({ type: 'settings.set', language: language as LanguageSetting })} />
      <SelectField
        label={t('settings.autoLock')}
        value={String(status.autoLockMinutes)}
        options={autoLockOptions(t, status.autoLockMinutes)}
        onValue={(minutes) => send({ type: 'settings.set', autoLockMinutes: Number(minutes) })}
      />
      <SelectField
        label={t('settings.clipboard')}
        value={String(status.clipboardClearSeconds)}
        options={clipboardOptions(t)}
        onValue={(seconds) => send({ type: 'settings.set', clipboardClearSeconds: Number(seconds) })}
      />
      <ErrorAlert message={failure && errorText(t, failure)} />
      <div class="actions">
        <button type="button" onClick={() => send({ type: 'session.lock' })}>
          {t('settings.lockNow')}
        </button>
        <button type="button" onClick={() => send({ type: 'session.signOut' })}>
          {t('settings.signOut')}
        </button>
      </div>
      <details class="section">
        <summary>{t('settings.changeMasterPassword')}</summary>
        <ChangeMasterPasswordForm popup={popup} />
      </details>
      <p class="muted server-line">
        {t('settings.server')}: {status.serverUrl}
      </p>
    </Screen>
  );
}
