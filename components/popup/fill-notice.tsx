import type { Translate } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { FillModel } from './fill-model';

/** Why a fill did not happen, or the question an insecure page asks before it does. */
export function FillNotice({ filler, t }: { filler: FillModel; t: Translate }) {
  const insecure = filler.insecure.value;
  const failure = filler.error.value;
  if (insecure) {
    return (
      <div class="notice" role="alertdialog" aria-labelledby="fill-insecure" data-testid="fill-insecure">
        <p id="fill-insecure">{t('popup.fill.insecure')}</p>
        <div class="field-row">
          <button type="button" class="danger" onClick={() => void filler.fill(insecure.itemId, insecure.hasTotp, true)}>
            {t('popup.fill.anyway')}
          </button>
          <button type="button" onClick={filler.cancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    );
  }
  return <ErrorAlert message={failure && errorText(t, failure)} />;
}
