// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

const needsServer = statusReply({ state: 'needsServer', serverUrl: null, login: null, policy: null });

async function submitAddress(address: string) {
  fireEvent.input(screen.getByLabelText('Server address'), { target: { value: address } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('first-run screen', () => {
  it('starts with the focus in the server address', async () => {
    await renderPopup(fakeBackground({ status: () => needsServer }));
    expect(document.activeElement).toBe(screen.getByLabelText('Server address'));
  });

  it('refuses an http:// address that is not localhost without asking the background', async () => {
    const background = fakeBackground({ status: () => needsServer });
    await renderPopup(background);
    await submitAddress('http://vault.acme.test');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'The address must start with https:// (http:// is allowed only for localhost).');
    expect(background.sentOf('server.set')).toEqual([]);
  });

  it('sends an http://localhost address and moves on to sign-in', async () => {
    const background = fakeBackground({ status: () => needsServer, 'server.set': ({ url }) => statusReply({ state: 'signedOut', serverUrl: url, login: null }) });
    await renderPopup(background);
    await submitAddress('http://localhost:8443');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(background.sentOf('server.set')).toEqual([{ type: 'server.set', url: 'http://localhost:8443' }]);
  });

  it.each([
    ['serverUnreachable', 'Could not reach the server. Check the address and your connection.'],
    ['notKeyhold', 'This address does not answer like a Keyhold server.'],
    ['serverNotHttps', 'The address must start with https:// (http:// is allowed only for localhost).'],
  ] as const)('explains %s from the background', async (code, message) => {
    await renderPopup(
      fakeBackground({
        status: () => needsServer,
        'server.set': () => {
          throw refuse(code);
        },
      }),
    );
    await submitAddress('https://vault.acme.test');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(message));
  });
});
