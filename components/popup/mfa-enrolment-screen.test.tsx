// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { groupedSecret } from './mfa-enrolment-screen';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

// Signed in while the organisation requires two-step sign-in: the popup enrols the factor (key as
// text, no QR code), shows the recovery codes once, then the unlock.

afterEach(cleanup);

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Keyhold:alice?secret=${SECRET}&issuer=Keyhold`;

function enrolling() {
  let enrolled = false;
  return fakeBackground({
    status: () => statusReply({ state: 'locked', login: 'alice', mfaEnrolment: !enrolled }),
    'mfa.start': () => ({ secret: SECRET, uri: URI }),
    'mfa.confirm': ({ code }) => {
      if (code !== '123456') throw refuse('mfaInvalid');
      enrolled = true;
      return { recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] };
    },
    'session.signOut': () => statusReply({ state: 'signedOut', login: 'alice' }),
  });
}

describe('the enrolment the organisation requires', () => {
  it('groups a key in fours', () => {
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  it('shows the key to type and the setup address to copy, confirms a code, shows the recovery codes, then the unlock', async () => {
    const background = enrolling();
    const { clipboard } = await renderPopup(background);
    expect(screen.getByRole('heading', { name: 'Your organisation requires two-step sign-in' })).toBeTruthy();
    expect((await screen.findByTestId('enrol-secret')).textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect((screen.getByLabelText('Setup address (for apps that accept one)') as HTMLInputElement).value).toBe(URI);
    fireEvent.click(screen.getByRole('button', { name: 'Copy the setup address' }));
    await waitFor(() => expect(clipboard.text).toBe(URI));

    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '000000' } });
    fireEvent.submit(screen.getByLabelText('Six-digit code').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong, expired or already used.');

    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '123456' } });
    fireEvent.submit(screen.getByLabelText('Six-digit code').closest('form')!);
    expect((await screen.findByTestId('mfa-recovery')).textContent).toContain('aaaa-bbbb');
    expect(background.sentOf('mfa.confirm').map((request) => request.code)).toEqual(['000000', '123456']);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByLabelText('Master password')).toBeTruthy();
  });

  it('shows the enrolment when an unlock is refused because a factor must be enrolled first', async () => {
    let told = false;
    await renderPopup(
      fakeBackground({
        status: () => statusReply({ state: 'locked', login: 'alice', mfaEnrolment: told }),
        'session.unlock': () => {
          told = true;
          throw refuse('mfaEnrolmentRequired');
        },
        'mfa.start': () => ({ secret: SECRET, uri: URI }),
      }),
    );
    fireEvent.input(screen.getByLabelText('Master password'), { target: { value: 'master' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByTestId('enrol-secret')).toBeTruthy();
  });

  it('explains a suspended account and a required enrolment at sign-in', async () => {
    const signedOut = statusReply({ state: 'signedOut', login: null });
    for (const [code, text] of [
      ['accountSuspended', 'This account is suspended. Ask an administrator of your organisation.'],
      ['mfaEnrolmentRequired', 'Your organisation requires two-step sign-in: set up an authenticator app to continue.'],
    ] as const) {
      await renderPopup(
        fakeBackground({
          status: () => signedOut,
          'session.login': () => {
            throw refuse(code);
          },
        }),
      );
      fireEvent.input(screen.getByLabelText('Login'), { target: { value: 'alice' } });
      fireEvent.input(screen.getByLabelText('Login password'), { target: { value: 'pw' } });
      fireEvent.submit(screen.getByLabelText('Login').closest('form')!);
      expect((await screen.findByRole('alert')).textContent).toBe(text);
      cleanup();
    }
  });
});
