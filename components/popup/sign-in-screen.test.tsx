// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageRequest } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

const signedOut = statusReply({ state: 'signedOut', login: null });
const locked = statusReply({ state: 'locked' });

function signIn(login: string, password: string) {
  fireEvent.input(screen.getByLabelText('Login'), { target: { value: login } });
  fireEvent.input(screen.getByLabelText('Login password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in screen', () => {
  it('asks for the authenticator code on mfaRequired and sends it with the same credentials', async () => {
    const background = fakeBackground({
      status: () => signedOut,
      'session.login': (request) => {
        if (!request.totp) throw refuse('mfaRequired');
        return locked;
      },
    });
    await renderPopup(background);
    signIn('alice', 'correct horse battery');
    const code = await screen.findByLabelText('Code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    fireEvent.input(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Unlock Keyhold' })).toBeTruthy();
    expect(background.sentOf('session.login')).toEqual<PageRequest[]>([
      { type: 'session.login', login: 'alice', password: 'correct horse battery' },
      { type: 'session.login', login: 'alice', password: 'correct horse battery', totp: '123456' },
    ]);
  });

  it('says so when the code is wrong, and goes back to the password step', async () => {
    await renderPopup(
      fakeBackground({
        status: () => signedOut,
        'session.login': (request) => {
          throw refuse(request.totp ? 'mfaInvalid' : 'mfaRequired');
        },
      }),
    );
    signIn('alice', 'pw');
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong, expired or already used.');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByLabelText('Login password')).toBeTruthy();
  });

  it.each([
    ['wrongPassword', undefined, 'Wrong login or password.'],
    ['rateLimited', { retryAfterSeconds: 30 }, 'Too many attempts. Wait 30 s and try again.'],
    ['rateLimited', undefined, 'Too many attempts. Wait a moment and try again.'],
    ['serverUnreachable', undefined, 'Cannot reach the server. Check your connection and try again.'],
  ] as const)('explains %s', async (code, detail, message) => {
    await renderPopup(
      fakeBackground({
        status: () => signedOut,
        'session.login': () => {
          throw refuse(code, detail);
        },
      }),
    );
    signIn('alice', 'nope');
    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('shows the server’s own wording for a refusal it explains itself', async () => {
    await renderPopup(
      fakeBackground({
        status: () => signedOut,
        'session.login': () => {
          throw refuse('server');
        },
      }),
    );
    signIn('alice', 'pw');
    expect((await screen.findByRole('alert')).textContent).toBe('refused: server');
  });

  it('leads to owner setup, joining and another server, and back', async () => {
    await renderPopup(fakeBackground({ status: () => signedOut }));
    fireEvent.click(screen.getByRole('button', { name: 'Set up this server (owner)' }));
    expect(screen.getByRole('heading', { name: 'Set up this server' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'I have an invitation link' }));
    expect(screen.getByRole('heading', { name: 'Join your organisation' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change server' }));
    expect((screen.getByLabelText('Server address') as HTMLInputElement).value).toBe('https://vault.acme.test');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });
});
