import { useState } from 'preact/hooks';
import { TextField } from '../form/text-field';
import { NewAccountForm } from './new-account-form';
import type { PopupModel } from './popup-model';
import { Screen } from './screen';

/** Registers the organisation's owner with the server's one-time setup token (`account.setup`). */
export function OwnerSetupScreen({ popup, onBack }: { popup: PopupModel; onBack(): void }) {
  const t = popup.t.value;
  const [setupToken, setSetupToken] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  return (
    <Screen name="owner-setup" title={t('register.title')} intro={t('register.intro')}>
      <NewAccountForm
        popup={popup}
        onBack={onBack}
        submitLabel="register.submit"
        pendingLabel="register.creating"
        send={(account) => popup.act({ type: 'account.setup', setupToken: setupToken.trim(), organisationName: organisationName.trim(), ...account })}
      >
        <TextField label={t('register.setupToken')} hint={t('register.setupToken.hint')} value={setupToken} onValue={setSetupToken} autocomplete="off" required autoFocus />
        <TextField label={t('register.organisationName')} value={organisationName} onValue={setOrganisationName} autocomplete="organization" required />
      </NewAccountForm>
    </Screen>
  );
}
