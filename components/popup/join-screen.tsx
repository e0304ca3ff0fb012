import { useState } from 'preact/hooks';
import type { ErrorOverrides } from '../../lib/i18n/error-text';
import { isRecoveryLink } from '../../lib/session/recovery-link-kind';
import { TextField } from '../form/text-field';
import { NewAccountForm } from './new-account-form';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';

// A used or replaced recovery link, or another login, is `invitationInvalid`; an account with a second
// factor has its new keys but signs in with a code on the sign-in screen.
const RECOVERY_ERRORS: ErrorOverrides = { invitationInvalid: 'join.recover.invalid', mfaRequired: 'join.recover.signInWithCode' };

/**
 * Creates an account from an administrator's invitation link (`account.join`), or new keys for
 * one's own account from a recovery link (`account.recover`), saying first what a recovery loses.
 */
export function JoinScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const [invitationLink, setInvitationLink] = useState('');
  const recovery = isRecoveryLink(invitationLink);
  return (
    <Screen name="join" title={t('join.title')}>
      <NewAccountForm
        popup={popup}
        onBack={onBack}
        submitLabel={recovery ? 'join.recover.submit' : 'join.submit'}
        pendingLabel={recovery ? 'join.recover.recovering' : 'join.joining'}
        {...(recovery ? { errors: RECOVERY_ERRORS } : {})}
        send={(account) =>
          recovery ? popup.act({ type: 'account.recover', recoveryLink: invitationLink.trim(), ...account }) : popup.act({ type: 'account.join', invitationLink: invitationLink.trim(), ...account })
        }
      >
        <TextField label={t('join.link')} placeholder={t('join.link.placeholder')} value={invitationLink} onValue={setInvitationLink} type="url" autocomplete="off" required autoFocus />
        {recovery && (
          <p class="warning" role="note" data-testid="recovery-warning">
            {t('join.recover.warning')}
          </p>
        )}
      </NewAccountForm>
    </Screen>
  );
}
