// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReply } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

describe('popup', () => {
  it.each([
    ['needsServer', 'Connect to your Keyhold server'],
    ['signedOut', 'Sign in'],
    ['locked', 'Unlock Keyhold'],
  ] as const)('shows the %s screen for that state', async (state, heading) => {
    await renderPopup(fakeBackground({ status: () => statusReply({ state }) }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(heading);
  });

  it('follows the browser’s language when the setting is auto', async () => {
    await renderPopup(fakeBackground({ status: () => statusReply({ state: 'locked', language: 'auto' }) }), { browserLanguages: ['fr-CA', 'en'] });
    expect(screen.getByRole('heading', { name: 'Déverrouiller Keyhold' })).toBeTruthy();
    expect(screen.getByLabelText('Mot de passe maître')).toBeTruthy();
  });

  it.each([
    ['es', 'Iniciar sesión'],
    ['zh', '登录'],
  ] as const)('speaks %s', async (language, heading) => {
    await renderPopup(fakeBackground({ status: () => statusReply({ state: 'signedOut', language }) }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(heading);
  });

  it('explains a background that does not answer, and tries again', async () => {
    let status: StatusReply | null = null;
    await renderPopup(
      fakeBackground({
        status: () => {
          if (!status) throw refuse('internal');
          return status;
        },
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong. Try again.');
    status = statusReply({ state: 'locked' });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Unlock Keyhold' })).toBeTruthy();
  });
});
