import { useEffect } from 'preact/hooks';
import { LoadingScreen } from '../popup/loading-screen';
import type { PopupModel } from '../popup/popup-model';
import { UnlockScreen } from '../popup/unlock-screen';
import { LazyScreen, mfaEnrolmentModule } from '../popup/lazy-screens';
import { VaultScreen } from './vault-screen';

/**
 * The vault page for the worker's state. It shares the popup's session (the same worker, the same
 * typed messages): locked, it offers the popup's unlock form; not signed in, it sends people to the
 * toolbar button, where connecting and signing in happen.
 */
export function VaultApp({ page }: { page: PopupModel }) {
  const status = page.status.value;
  const language = page.language.value;
  const t = page.t.value;
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('vault.title');
  }, [language, t]);

  if (!status) return <LoadingScreen popup={page} />;
  switch (status.state) {
    case 'needsServer':
    case 'signedOut':
      return (
        <main class="screen narrow" data-screen="sign-in-first">
          <h1>{t('vault.signInFirst.title')}</h1>
          <p>{t('vault.signInFirst')}</p>
          <button type="button" onClick={() => void page.refresh()}>
            {t('common.retry')}
          </button>
        </main>
      );
    case 'locked':
      return (
        <div class="narrow">
          {status.mfaEnrolment ? <LazyScreen popup={page} module={mfaEnrolmentModule}>{({ MfaEnrolmentScreen }) => <MfaEnrolmentScreen popup={page} />}</LazyScreen> : <UnlockScreen popup={page} />}
        </div>
      );
    case 'unlocked':
      return <VaultScreen page={page} />;
  }
}
