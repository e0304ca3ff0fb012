import { useState } from 'preact/hooks';
import { TextField } from '../form/text-field';
import { NewAccountForm } from './new-account-form';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';

/** Creates an account from an administrator's invitation link (`account.join`). */
export function JoinScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const [invitationLink, setInvitationLink] = useState('');
  return (
    <Screen name="join" title={t('join.title')}>
      <NewAccountForm
        popup={popup}
        onBack={onBack}
        submitLabel="join.submit"
        pendingLabel="join.joining"
        send={(account) => popup.act({ type: 'account.join', invitationLink: invitationLink.trim(), ...account })}
      >
        <TextField label={t('join.link')} placeholder={t('join.link.placeholder')} value={invitationLink} onValue={setInvitationLink} type="url" autocomplete="off" required autoFocus />
      </NewAccountForm>
    </Screen>
  );
}
