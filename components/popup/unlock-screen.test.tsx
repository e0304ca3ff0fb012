// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_LIMIT } from './entry-search';
import type { StatusReply } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

afterEach(cleanup);

const locked = statusReply({ state: 'locked', login: 'alice' });

function unlock(masterPassword: string) {
  fireEvent.input(screen.getByLabelText('Master password'), { target: { value: masterPassword } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
}

describe('unlock screen', () => {
  it('greets the signed-in login and focuses the master password', async () => {
    await renderPopup(fakeBackground({ status: () => locked }));
    expect(screen.getByText('Signed in as alice')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Master password'));
  });

  it('says the master password is wrong and empties the field', async () => {
    await renderPopup(
      fakeBackground({
        status: () => locked,
        'session.unlock': () => {
          throw refuse('wrongMasterPassword');
        },
      }),
    );
    unlock('not it');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong master password.');
    expect((screen.getByLabelText('Master password') as HTMLInputElement).value).toBe('');
  });

  it('stops for good when the organisation key changed: no way to submit, only to sign out', async () => {
    const background = fakeBackground({
      status: () => locked,
      'session.unlock': () => {
        throw refuse('organisationKeyChanged');
      },
      'session.signOut': () => statusReply({ state: 'signedOut', login: null }),
    });
    await renderPopup(background);
    unlock('right one');
    expect((await screen.findByRole('alert')).textContent).toBe('The organisation key has changed. Do not continue: contact your administrator.');
    expect(screen.queryByRole('button', { name: 'Unlock' })).toBeNull();
    expect((screen.getByLabelText('Master password') as HTMLInputElement).disabled).toBe(true);
    fireEvent.submit(screen.getByLabelText('Master password').closest('form')!);
    expect(background.sentOf('session.unlock')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('explains too many attempts with the wait', async () => {
    await renderPopup(
      fakeBackground({
        status: () => locked,
        'session.unlock': () => {
          throw refuse('rateLimited', { retryAfterSeconds: 60 });
        },
      }),
    );
    unlock('guess');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Wait 60 s and try again.');
  });

  it('sends the master password and opens the entry list', async () => {
    const background = fakeBackground({
      status: () => locked,
      'session.unlock': () => statusReply(),
      'entries.search': () => ({ rows: [], total: 0 }),
      'sync.now': () => statusReply(),
    });
    await renderPopup(background);
    unlock('correct');
    expect(await screen.findByText('No entries yet.')).toBeTruthy();
    expect(background.sentOf('session.unlock')).toEqual([{ type: 'session.unlock', masterPassword: 'correct', firstEntries: { pageOrigin: 'https://shop.acme.test', limit: SEARCH_LIMIT } }]);
  });

  it('takes the refused search sent on opening quietly, and lists the entries once unlocked', async () => {
    let unlocked = false;
    const background = fakeBackground({
      status: () => locked,
      'session.unlock': () => ((unlocked = true), statusReply()),
      'entries.search': () => {
        if (!unlocked) throw refuse('locked');
        return { rows: [{ id: 'mail', vaultId: 'v1', name: 'Mail', login: 'alice', host: null, hasPassword: true, hasTotp: false, favourite: false, currentSite: false }], total: 1 };
      },
      'sync.now': () => statusReply(),
    });
    await renderPopup(background);
    expect(background.sent.map((request) => request.type)).toEqual(['status', 'entries.search']);
    unlock('correct');
    expect(await screen.findByText('Mail')).toBeTruthy();
    expect(background.sentOf('status')).toHaveLength(1);
    expect(background.sentOf('entries.search')[1]).toEqual({ type: 'entries.search', query: '', pageOrigin: 'https://shop.acme.test', limit: SEARCH_LIMIT });
  });

  it('shows the entries that came back with the unlock before any further search', async () => {
    const mail = { id: 'mail', vaultId: 'v1', name: 'Mail', login: 'alice', host: null, hasPassword: true, hasTotp: false, favourite: false, currentSite: true };
    let endSync: (status: StatusReply) => void = () => undefined;
    const background = fakeBackground({
      status: () => locked,
      'session.unlock': () => ({ ...statusReply(), entries: { rows: [mail], total: 1 } }),
      'entries.search': () => {
        throw refuse('locked');
      },
      'sync.now': () => new Promise<StatusReply>((resolve) => (endSync = resolve)),
    });
    await renderPopup(background);
    unlock('correct');
    expect(await screen.findByText('Mail')).toBeTruthy();
    // Only the search sent while the popup opened locked: the list came with the unlock.
    expect(background.sentOf('entries.search')).toHaveLength(1);
    endSync(statusReply());
  });
});
