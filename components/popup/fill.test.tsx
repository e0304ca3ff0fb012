// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryRow } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from './testing/fake-background';
import { renderPopup, TEST_TAB } from './testing/render-popup';

// The popup's Fill: offered on the current site's entries only, sent for the tab the popup was
// opened over, closing the popup once done; an insecure page asks first; a refusal says why.

afterEach(cleanup);

const ROWS: EntryRow[] = [
  { id: 'shop', vaultId: 'v1', name: 'Shop', login: 'ana', host: 'shop.acme.test', hasPassword: true, hasTotp: false, favourite: false, currentSite: true },
  { id: 'wiki', vaultId: 'v1', name: 'Wiki', login: 'ana', host: 'wiki.example', hasPassword: true, hasTotp: false, favourite: false, currentSite: false },
  { id: 'bank', vaultId: 'v1', name: 'Bank', login: 'ana', host: 'bank.acme.test', hasPassword: true, hasTotp: true, favourite: false, currentSite: true },
];

function background(handlers: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply(),
    'entries.search': () => ({ rows: ROWS, total: ROWS.length }),
    'sync.now': () => statusReply(),
    'autofill.fill': () => ({ filled: ['username', 'password'] }),
    ...handlers,
  });
}

const rowNamed = (name: string) => screen.getAllByTestId('entry').find((entry) => entry.querySelector('.entry-name')?.textContent === name)!;

describe('Fill in the popup', () => {
  it('is offered on the current site’s entries, fills the tab the popup was opened over and closes the popup', async () => {
    const worker = background();
    const { closed } = await renderPopup(worker);
    await waitFor(() => expect(screen.getAllByTestId('entry')).toHaveLength(3));
    expect(within(rowNamed('Wiki')).queryByRole('button', { name: 'Fill this page' })).toBeNull();
    fireEvent.click(within(rowNamed('Shop')).getByRole('button', { name: 'Fill this page' }));
    await waitFor(() => expect(closed.count).toBe(1));
    expect(worker.sentOf('autofill.fill')).toEqual([{ type: 'autofill.fill', tabId: TEST_TAB.id, itemId: 'shop' }]);
  });

  it('copies the one-time code when the page had no box for it, so it is ready for the next step', async () => {
    const worker = background({ 'entry.totp': () => ({ code: '492039', period: 30, validUntil: Date.now() + 20_000 }), 'clipboard.copied': () => ({ clearAfterSeconds: 30 }) });
    const { closed, clipboard } = await renderPopup(worker);
    await waitFor(() => expect(screen.getAllByTestId('entry')).toHaveLength(3));
    fireEvent.click(within(rowNamed('Bank')).getByRole('button', { name: 'Fill this page' }));
    await waitFor(() => expect(closed.count).toBe(1));
    expect(await clipboard.readText()).toBe('492039');
    expect(worker.sentOf('clipboard.copied')).toEqual([{ type: 'clipboard.copied', itemId: 'bank', field: 'totp' }]);
  });

  it('asks before filling an insecure page, and fills only once the user says so', async () => {
    const worker = background({ 'autofill.fill': ({ allowInsecure }) => (allowInsecure ? { filled: ['password'] } : Promise.reject(refuse('insecurePage'))) });
    const { closed } = await renderPopup(worker);
    await waitFor(() => expect(screen.getAllByTestId('entry')).toHaveLength(3));
    fireEvent.click(within(rowNamed('Shop')).getByRole('button', { name: 'Fill this page' }));
    const question = await waitFor(() => screen.getByTestId('fill-insecure'));
    expect(question.textContent).toMatch(/^This page is not secure \(http\)/);
    expect(closed.count).toBe(0);
    fireEvent.click(within(question).getByRole('button', { name: 'Fill anyway' }));
    await waitFor(() => expect(closed.count).toBe(1));
    expect(worker.sentOf('autofill.fill').at(-1)).toEqual({ type: 'autofill.fill', tabId: TEST_TAB.id, itemId: 'shop', allowInsecure: true });
  });

  it('says why nothing was filled, and stays open', async () => {
    const worker = background({ 'autofill.fill': () => Promise.reject(refuse('fillRefused', { refusal: 'covered' })) });
    const { closed } = await renderPopup(worker);
    await waitFor(() => expect(screen.getAllByTestId('entry')).toHaveLength(3));
    fireEvent.click(within(rowNamed('Shop')).getByRole('button', { name: 'Fill this page' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The login form is hidden or covered by something else on the page, so Keyhold did not fill it.'));
    expect(closed.count).toBe(0);
  });
});
