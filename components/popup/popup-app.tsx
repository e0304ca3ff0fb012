import { useEffect } from 'preact/hooks';
import { firstRunModule, LazyScreen, mfaEnrolmentModule, signedOutModule } from './lazy-screens';
import { LoadingScreen } from './loading-screen';
import type { PopupModel } from './popup-model';
import { UnlockedScreens } from './unlocked-screens';
import { UnlockScreen } from './unlock-screen';

/** The screen for the background's state: first run, signed out, locked or unlocked. */
export function PopupApp({ popup }: { popup: PopupModel }) {
  const status = popup.status.value;
  const language = popup.language.value;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (!status) return <LoadingScreen popup={popup} />;
  switch (status.state) {
    case 'needsServer':
      return <LazyScreen popup={popup} module={firstRunModule}>{({ FirstRunScreen }) => <FirstRunScreen popup={popup} />}</LazyScreen>;
    case 'signedOut':
      return <LazyScreen popup={popup} module={signedOutModule}>{({ SignedOutScreens }) => <SignedOutScreens popup={popup} />}</LazyScreen>;
    case 'locked':
      if (status.mfaEnrolment) return <LazyScreen popup={popup} module={mfaEnrolmentModule}>{({ MfaEnrolmentScreen }) => <MfaEnrolmentScreen popup={popup} />}</LazyScreen>;
      return <UnlockScreen popup={popup} />;
    case 'unlocked':
      return <UnlockedScreens popup={popup} />;
  }
}
