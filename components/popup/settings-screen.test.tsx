// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReply } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

async function openSettings(handlers: FakeHandlers = {}) {
  let status: StatusReply = statusReply();
  const background = fakeBackground({
    status: () => status,
    'entries.search': () => ({ rows: [], total: 0 }),
    'sync.now': () => status,
    'settings.set': (request) => (status = { ...status, ...(request.language ? { language: request.language } : {}), ...(request.autoLockMinutes ? { autoLockMinutes: request.autoLockMinutes } : {}) }),
    'session.lock': () => (status = { ...status, state: 'locked' }),
    'session.signOut': () => (status = { ...status, state: 'signedOut' }),
    ...handlers,
  });
  await renderPopup(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return background;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('settings screen', () => {
  it('switches the whole popup to the chosen language', async () => {
    const background = await openSettings();
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'de' } });
    expect(await screen.findByRole('heading', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Jetzt sperren' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(background.sentOf('settings.set')).toEqual([{ type: 'settings.set', language: 'de' }]);
  });

  it('sets the auto-lock delay', async () => {
    const background = await openSettings();
    const select = screen.getByRole('combobox', { name: 'Auto-lock' }) as HTMLSelectElement;
    expect(select.value).toBe('15');
    fireEvent.change(select, { target: { value: '60' } });
    await waitFor(() => expect(background.sentOf('settings.set')).toEqual([{ type: 'settings.set', autoLockMinutes: 60 }]));
  });

  it('sets how long a copied value stays in the clipboard, from 30 s up', async () => {
    const background = await openSettings();
    const select = screen.getByRole('combobox', { name: 'Clear the clipboard' }) as HTMLSelectElement;
    expect(select.value).toBe('30');
    expect([...select.options].map((option) => option.textContent)).toEqual(['After 30 s', 'After 45 s', 'After 60 s', 'After 90 s', 'After 120 s', 'After 300 s']);
    fireEvent.change(select, { target: { value: '90' } });
    await waitFor(() => expect(background.sentOf('settings.set')).toEqual([{ type: 'settings.set', clipboardClearSeconds: 90 }]));
  });

  it('sends every change in order, however fast they come', async () => {
    const background = await openSettings();
    const select = screen.getByRole('combobox', { name: 'Auto-lock' });
    for (const minutes of ['30', '60', '240']) fireEvent.change(select, { target: { value: minutes } });
    await waitFor(() => expect(background.sentOf('settings.set').map((request) => request.autoLockMinutes)).toEqual([30, 60, 240]));
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('240'));
  });

  it('shows the server', async () => {
    await openSettings();
    expect(screen.getByText('Server: https://vault.acme.test')).toBeTruthy();
  });

  it('locks now and signs out', async () => {
    await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Lock now' }));
    expect(await screen.findByRole('heading', { name: 'Unlock Keyhold' })).toBeTruthy();
    cleanup();
    await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  describe('changing the master password', () => {
    const submit = () => fireEvent.click(screen.getAllByRole('button', { name: 'Change master password' }).at(-1)!);

    it('checks the new one against the master-password policy before sending', async () => {
      const background = await openSettings();
      type('Current master password', 'Old Master Password 1');
      type('New master password', 'weak');
      type('Confirm new master password', 'weak');
      submit();
      expect(screen.getByRole('alert').textContent).toBe('A password does not meet your organisation’s policy yet: see the rules under it.');
      type('New master password', 'New Master Password 22');
      type('Confirm new master password', 'New Master Password 23');
      submit();
      expect(screen.getByRole('alert').textContent).toBe('The two master passwords do not match.');
      expect(background.sentOf('masterPassword.change')).toEqual([]);
    });

    it('says when the current one is wrong', async () => {
      await openSettings({
        'masterPassword.change': () => {
          throw refuse('wrongMasterPassword');
        },
      });
      type('Current master password', 'not it');
      type('New master password', 'New Master Password 22');
      type('Confirm new master password', 'New Master Password 22');
      submit();
      expect((await screen.findByRole('alert')).textContent).toBe('The current master password is wrong.');
    });

    it('sends current and next, then confirms and empties the fields', async () => {
      const background = await openSettings({ 'masterPassword.change': () => statusReply() });
      type('Current master password', 'Old Master Password 1');
      type('New master password', 'New Master Password 22');
      type('Confirm new master password', 'New Master Password 22');
      submit();
      expect(await screen.findByText('Your master password has been changed. Use the new one from now on, on every device.')).toBeTruthy();
      expect(background.sentOf('masterPassword.change')).toEqual([{ type: 'masterPassword.change', current: 'Old Master Password 1', next: 'New Master Password 22' }]);
      expect((screen.getByLabelText('New master password') as HTMLInputElement).value).toBe('');
    });
  });
});
