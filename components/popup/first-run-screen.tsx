import { useState } from 'preact/hooks';
import type { MessageKey } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';
import { serverUrlProblem } from './server-url-problem';
import { useActionState } from './use-action-state';

/** Asks for the server's address (`server.set`); also reached from sign-in to change server, which passes `onClose` (cancelled or done). */
export function FirstRunScreen({ popup, onClose }: { popup: PopupModel; onClose?: () => void }) {
  const t = popup.t.value;
  const action = useActionState();
  const [url, setUrl] = useState(popup.status.value?.serverUrl ?? '');
  const [problem, setProblem] = useState<MessageKey | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const found = serverUrlProblem(url);
    setProblem(found);
    if (found) return;
    const next = await action.run(() => popup.act({ type: 'server.set', url: url.trim() }));
    if (next && onClose) onClose();
  }

  const failure = action.error.value;
  const message = problem ? t(problem) : failure && errorText(t, failure, { serverUnreachable: 'firstRun.error.unreachable' });
  return (
    <Screen name="first-run" title={t('firstRun.title')} intro={t('firstRun.intro')}>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('firstRun.serverUrl.label')}
          hint={t('firstRun.serverUrl.hint')}
          placeholder={t('firstRun.serverUrl.placeholder')}
          type="url"
          inputMode="url"
          autocomplete="url"
          value={url}
          onValue={setUrl}
          invalid={message !== null}
          required
          autoFocus
        />
        <ErrorAlert message={message} />
        <div class="actions">
          {onClose && (
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" class="primary">
            {action.pending.value ? t('firstRun.connecting') : t('firstRun.connect')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
