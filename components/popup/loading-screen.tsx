import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';

/** While the worker's first status is on its way; if asking failed, why, and a button to ask again. */
export function LoadingScreen({ popup }: { popup: PopupModel }) {
  const t = popup.t.value;
  const failure = popup.loadError.value;
  return (
    <main class="screen" data-screen="loading" aria-busy={failure ? undefined : 'true'}>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {failure && (
        <button type="button" onClick={() => void popup.refresh()}>
          {t('common.retry')}
        </button>
      )}
    </main>
  );
}
