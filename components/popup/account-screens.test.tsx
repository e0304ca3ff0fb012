// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

const signedOut = statusReply({ state: 'signedOut', login: null });
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

function fillAccount(loginPassword: string, masterPassword: string, confirmation = masterPassword) {
  type('Login', 'alice');
  type('Login password', loginPassword);
  type('Master password', masterPassword);
  type('Confirm master password', confirmation);
}

async function openOwnerSetup(background = fakeBackground({ status: () => signedOut })) {
  await renderPopup(background);
  fireEvent.click(screen.getByRole('button', { name: 'Set up this server (owner)' }));
  return background;
}

/** The checklist under the field labelled `label`. */
function rulesUnder(label: string) {
  const field = screen.getByLabelText(label).closest('.chosen-password') as HTMLElement;
  return within(field)
    .getAllByRole('listitem')
    .map((item) => [item.textContent?.replace(/^[✓✗] /, '').replace(/(Met|Not met yet)$/, ''), item.dataset.met]);
}

describe('owner setup screen', () => {
  it('checks the master password against the policy as it is typed', async () => {
    await openOwnerSetup();
    type('Master password', 'short');
    expect(rulesUnder('Master password')).toEqual([
      ['At least 14 characters', 'false'],
      ['At least one upper-case letter', 'false'],
      ['At least one digit', 'false'],
    ]);
    type('Master password', 'Much longer passphrase 7');
    expect(rulesUnder('Master password').map(([, met]) => met)).toEqual(['true', 'true', 'true']);
  });

  it('shows how strong a password is', async () => {
    await openOwnerSetup();
    const meterOf = () => (screen.getByLabelText('Master password').closest('.chosen-password') as HTMLElement).querySelector('.strength-word')?.textContent;
    type('Master password', 'aaaa');
    expect(meterOf()).toBe('Very weak');
    type('Master password', 'Tr0ub4dor&3-correct-horse-battery-staple');
    expect(meterOf()).toBe('Very strong');
  });

  it('refuses two passwords that are too alike without asking the background', async () => {
    const background = await openOwnerSetup();
    type('Setup token', 'token');
    type('Organisation name', 'Acme');
    fillAccount('Sunny meadow 2024!', 'Sunny meadow 2024!!');
    expect(screen.getByText('The login password and the master password are too alike. Choose two different passwords.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create the owner account' }));
    expect(screen.getByRole('alert').textContent).toBe('The login password and the master password are too alike. Choose two different passwords.');
    expect(background.sentOf('account.setup')).toEqual([]);
  });

  it('refuses a master password that breaks the policy, and a confirmation that differs', async () => {
    const background = await openOwnerSetup();
    type('Setup token', 'token');
    type('Organisation name', 'Acme');
    fillAccount('login password one', 'weak');
    fireEvent.click(screen.getByRole('button', { name: 'Create the owner account' }));
    expect(screen.getByRole('alert').textContent).toBe('A password does not meet your organisation’s policy yet: see the rules under it.');
    fillAccount('login password one', 'Quiet Orchard Lantern 42', 'Quiet Orchard Lantern 43');
    fireEvent.click(screen.getByRole('button', { name: 'Create the owner account' }));
    expect(screen.getByRole('alert').textContent).toBe('The two master passwords do not match.');
    expect(background.sentOf('account.setup')).toEqual([]);
  });

  it('sends a valid form and explains a wrong setup token', async () => {
    const background = await openOwnerSetup(
      fakeBackground({
        status: () => signedOut,
        'account.setup': () => {
          throw refuse('setupTokenInvalid');
        },
      }),
    );
    type('Setup token', ' token-123 ');
    type('Organisation name', 'Acme');
    fillAccount('login password one', 'Quiet Orchard Lantern 42');
    fireEvent.click(screen.getByRole('button', { name: 'Create the owner account' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The setup token is wrong or has already been used.');
    expect(background.sentOf('account.setup')).toEqual([
      { type: 'account.setup', setupToken: 'token-123', organisationName: 'Acme', login: 'alice', loginPassword: 'login password one', masterPassword: 'Quiet Orchard Lantern 42' },
    ]);
  });
});

describe('join screen', () => {
  it('sends the invitation link with the new account and shows the unlock screen', async () => {
    const background = fakeBackground({ status: () => signedOut, 'account.join': () => statusReply({ state: 'locked', pendingConfirmation: true }) });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'I have an invitation link' }));
    type('Invitation link', 'https://vault.acme.test/join/abcdefgh#org=x&secret=y');
    fillAccount('login password one', 'Quiet Orchard Lantern 42');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('heading', { name: 'Unlock Keyhold' })).toBeTruthy();
    expect(background.sentOf('account.join')[0]).toMatchObject({ invitationLink: 'https://vault.acme.test/join/abcdefgh#org=x&secret=y', login: 'alice' });
  });

  it('says what a recovery link loses before it is used, and sends it as a recovery', async () => {
    const background = fakeBackground({ status: () => signedOut, 'account.recover': () => statusReply({ state: 'unlocked', pendingConfirmation: true }) });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'I have an invitation link' }));
    expect(screen.queryByTestId('recovery-warning')).toBeNull();
    type('Invitation link', 'https://vault.acme.test/recover/abcdefgh#org=x&secret=y');
    expect(screen.getByTestId('recovery-warning').textContent).toContain('Your private vaults cannot be recovered — only what is shared with you comes back');
    fillAccount('login password one', 'Quiet Orchard Lantern 42');
    fireEvent.click(screen.getByRole('button', { name: 'Recover my account' }));
    await screen.findByTestId('pending-confirmation');
    expect(background.sentOf('account.recover')[0]).toMatchObject({ recoveryLink: 'https://vault.acme.test/recover/abcdefgh#org=x&secret=y', login: 'alice', loginPassword: 'login password one', masterPassword: 'Quiet Orchard Lantern 42' });
    expect(background.sentOf('account.join')).toEqual([]);
  });

  it('words a used recovery link, and a second factor to sign in with, as a recovery', async () => {
    let refusal = refuse('invitationInvalid');
    await renderPopup(
      fakeBackground({
        status: () => signedOut,
        'account.recover': () => {
          throw refusal;
        },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'I have an invitation link' }));
    type('Invitation link', 'https://vault.acme.test/recover/abcdefgh#org=x&secret=y');
    fillAccount('login password one', 'Quiet Orchard Lantern 42');
    fireEvent.click(screen.getByRole('button', { name: 'Recover my account' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^This recovery link has expired, was used or replaced/);
    refusal = refuse('mfaRequired');
    fireEvent.click(screen.getByRole('button', { name: 'Recover my account' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Your account has its new keys\. Go back and sign in/));
  });

  it('explains an invalid invitation', async () => {
    await renderPopup(
      fakeBackground({
        status: () => signedOut,
        'account.join': () => {
          throw refuse('invitationInvalid');
        },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'I have an invitation link' }));
    type('Invitation link', 'https://vault.acme.test/nothing');
    fillAccount('login password one', 'Quiet Orchard Lantern 42');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This is not a complete Keyhold invitation link.');
  });
});
