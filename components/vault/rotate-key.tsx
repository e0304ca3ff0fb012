import { useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { CERTIFICATE_ERRORS } from './certificate-errors';
import { usePageAction } from './use-page-action';

/**
 * Rotating the vault key, for its administrators (docs/access-control.md, "Rotating a vault key"):
 * after someone's access was taken away, a new key for what is written from now on, every entry
 * re-keyed by this device. A second click confirms: it touches every entry of the vault. "Re-key
 * remaining entries" finishes a rotation for entries in folders closed to whoever rotated.
 */
export function RotateKey({ page, vaultId }: { page: PopupModel; vaultId: string }) {
  const t = page.t.value;
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ keyVersion: number; rekeyed: number; left: number } | null>(null);
  const [finished, setFinished] = useState<{ rekeyed: number; left: number } | null>(null);
  const { failure, busy, run } = usePageAction();

  async function rotate(): Promise<void> {
    setConfirming(false);
    setFinished(null);
    await run(async () => setDone(await page.request({ type: 'vault.rotateKey', vaultId })));
  }

  async function finish(): Promise<void> {
    setDone(null);
    await run(async () => setFinished(await page.request({ type: 'vault.rekey', vaultId })));
  }

  return (
    <section aria-labelledby="rotate-key-title" data-testid="rotate-key">
      <h3 id="rotate-key-title">{t('vault.rotate.title')}</h3>
      <p class="muted">{t('vault.rotate.text')}</p>
      <button type="button" class={confirming ? 'danger' : undefined} disabled={busy} onClick={() => (confirming ? void rotate() : setConfirming(true))}>
        {confirming ? t('vault.rotate.confirm') : t('vault.rotate.start')}
      </button>
      {done && (
        <p role="status" data-testid="rotate-result">
          {t('vault.rotate.done', { version: String(done.keyVersion), count: String(done.rekeyed) })}
          {done.left > 0 && ` ${t('vault.rotate.left', { count: String(done.left) })}`}
        </p>
      )}
      <p class="muted">{t('vault.rotate.finishText')}</p>
      <button type="button" disabled={busy} onClick={() => void finish()}>
        {t('vault.rotate.finish')}
      </button>
      {finished && (
        <p role="status" data-testid="rekey-result">
          {finished.rekeyed === 0 && finished.left === 0 ? t('vault.rotate.nothingLeft') : t('vault.rotate.finished', { count: String(finished.rekeyed) })}
          {finished.left > 0 && ` ${t('vault.rotate.left', { count: String(finished.left) })}`}
        </p>
      )}
      <ErrorAlert message={failure && errorText(t, failure, CERTIFICATE_ERRORS)} />
    </section>
  );
}
