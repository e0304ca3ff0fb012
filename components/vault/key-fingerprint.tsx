import { useEffect, useState } from 'preact/hooks';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { CERTIFICATE_ERRORS } from './certificate-errors';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/** The fingerprint of the user's own certified key: what a member sharing a vault with them compares. */
export function KeyFingerprint({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const { failure, run } = usePageAction();
  useEffect(() => void run(async () => setFingerprint((await page.request({ type: 'account.fingerprint' })).fingerprint)), []);
  return (
    <section class="section" aria-labelledby="key-fingerprint-title" data-testid="key-fingerprint">
      <h2 id="key-fingerprint-title">{t('vault.settings.fingerprint.title')}</h2>
      <p class="muted">{t('vault.settings.fingerprint.text')}</p>
      {fingerprint && <code>{displayFingerprint(fingerprint)}</code>}
      <ErrorAlert message={failure && errorText(t, failure, CERTIFICATE_ERRORS)} />
    </section>
  );
}
