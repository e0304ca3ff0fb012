import { useState } from 'preact/hooks';
import { JoinScreen } from './join-screen';
import { firstRunModule, LazyScreen } from './lazy-screens';
import { OwnerSetupScreen } from './owner-setup-screen';
import type { PopupModel } from './popup-model';
import { SignInScreen } from './sign-in-screen';

type SignedOutView = 'signIn' | 'setUp' | 'join' | 'changeServer';

/** A server is set but nobody is signed in: sign in, or set the server up, join it, or pick another. */
export function SignedOutScreens({ popup }: { popup: PopupModel }) {
  const [view, setView] = useState<SignedOutView>('signIn');
  const back = () => setView('signIn');
  switch (view) {
    case 'setUp':
      return <OwnerSetupScreen popup={popup} onBack={back} />;
    case 'join':
      return <JoinScreen popup={popup} onBack={back} />;
    case 'changeServer':
      return <LazyScreen popup={popup} module={firstRunModule}>{({ FirstRunScreen }) => <FirstRunScreen popup={popup} onClose={back} />}</LazyScreen>;
    case 'signIn':
      return <SignInScreen popup={popup} links={{ onSetUp: () => setView('setUp'), onJoin: () => setView('join'), onChangeServer: () => setView('changeServer') }} />;
  }
}
