// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntriesReply, EntryRow } from '../../lib/messages/protocol';
import { SEARCH_LIMIT } from './entry-search';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';

/** Lets `ms` of fake time pass, inside act so the screen has re-rendered afterwards. */
async function passTime(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function row(id: string, overrides: Partial<EntryRow> = {}): EntryRow {
  return { id, vaultId: 'v1', name: id, login: `${id}@acme.test`, host: `${id}.acme.test`, hasPassword: true, hasTotp: false, favourite: false, currentSite: false, ...overrides };
}

const ROWS = [row('mail'), row('shop', { currentSite: true }), row('wiki')];
const SECRETS: Record<string, string> = { mail: 'mail-secret', shop: 'shop-secret', wiki: 'wiki-secret' };

function unlockedBackground(handlers: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply(),
    'entries.search': ({ query }) => ({ rows: ROWS.filter((entry) => entry.name.includes(query)), total: 3 }),
    'sync.now': () => statusReply({ lastSyncAt: Date.UTC(2026, 10, 29, 12, 0) }),
    'entry.reveal': ({ itemId, field }) => ({ value: field === 'password' ? SECRETS[itemId]! : `${itemId}@acme.test` }),
    'clipboard.copied': () => ({ clearAfterSeconds: 30 }),
    ...handlers,
  });
}

const names = () => screen.getAllByTestId('entry').map((entry) => entry.querySelector('.entry-name')?.textContent);
const mainButton = (name: string) => screen.getAllByTestId('entry').find((entry) => entry.querySelector('.entry-name')?.textContent === name)!.querySelector('button')!;

describe('entries screen', () => {
  it('lists the current site’s entries first under “This site”, with the search box focused', async () => {
    const background = unlockedBackground();
    await renderPopup(background);
    await waitFor(() => expect(names()).toEqual(['shop', 'mail', 'wiki']));
    const [thisSite, allEntries] = screen.getAllByRole('region');
    expect(within(thisSite!).getByRole('heading').textContent).toBe('This site');
    expect(within(allEntries!).getByRole('heading').textContent).toBe('All entries');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search' }));
    expect(background.sentOf('entries.search')[0]).toEqual({ type: 'entries.search', query: '', pageOrigin: 'https://shop.acme.test', limit: SEARCH_LIMIT });
  });

  it('follows the tab when its page moves to another site while the popup is open: that site’s entries come first', async () => {
    const background = unlockedBackground({
      'entries.search': ({ query, pageOrigin }) => {
        const host = pageOrigin ? new URL(pageOrigin).host : null;
        const rows = ROWS.filter((entry) => entry.name.includes(query)).map((entry) => ({ ...entry, currentSite: entry.host === host }));
        return { rows, total: rows.length };
      },
    });
    const { navigateTab } = await renderPopup(background);
    await waitFor(() => expect(names()).toEqual(['shop', 'mail', 'wiki']));
    await navigateTab('https://wiki.acme.test/login?next=/');
    await waitFor(() => expect(names()).toEqual(['wiki', 'mail', 'shop']));
    expect(within(screen.getAllByRole('region')[0]!).getByText('wiki')).toBeTruthy();
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'i' } });
    await waitFor(() => expect(names()).toEqual(['wiki', 'mail']));
    expect(background.sentOf('entries.search').at(-1)).toEqual({ type: 'entries.search', query: 'i', pageOrigin: 'https://wiki.acme.test', limit: SEARCH_LIMIT });
  });

  it('stops following the tab once the list is gone', async () => {
    const { tabWatchers } = await renderPopup(unlockedBackground({ 'session.lock': () => statusReply({ state: 'locked' }) }));
    await waitFor(() => expect(tabWatchers.size).toBe(1));
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await waitFor(() => expect(tabWatchers.size).toBe(0));
  });

  it('asks for the first entries together with the status, not after it', async () => {
    let answerStatus!: () => void;
    const background = unlockedBackground({ status: () => new Promise((resolve) => (answerStatus = () => resolve(statusReply()))) });
    const rendered = renderPopup(background);
    await waitFor(() => expect(background.sentOf('entries.search')).toHaveLength(1));
    expect(background.sent.map((request) => request.type)).toEqual(['status', 'entries.search']);
    answerStatus();
    await rendered;
    expect(names()).toEqual(['shop', 'mail', 'wiki']);
  });

  it('lists one page of rows, says how many more matched, and the keyboard reaches every row shown', async () => {
    const many = Array.from({ length: 100 }, (_, i) => row(`entry ${String(i).padStart(3, '0')}`));
    await renderPopup(unlockedBackground({ 'entries.search': ({ limit }) => ({ rows: many.slice(0, limit), total: 10_000 }) }));
    await waitFor(() => expect(names()).toHaveLength(SEARCH_LIMIT));
    expect(screen.getByText(`Showing ${SEARCH_LIMIT} of 10,000. Type to narrow the list.`)).toBeTruthy();
    const last = `entry ${String(SEARCH_LIMIT - 1).padStart(3, '0')}`;
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(mainButton(last));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(mainButton(last));
  });

  it('shows one more page of the same query on “Show more”, and one page again once the query changes', async () => {
    const many = Array.from({ length: 100 }, (_, i) => row(`entry ${String(i).padStart(3, '0')}`));
    const background = unlockedBackground({ 'entries.search': ({ query, limit }) => ({ rows: many.filter((entry) => entry.name.includes(query)).slice(0, limit), total: 100 }) });
    await renderPopup(background);
    await waitFor(() => expect(names()).toHaveLength(SEARCH_LIMIT));
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(names()).toHaveLength(2 * SEARCH_LIMIT));
    expect(names()[2 * SEARCH_LIMIT - 1]).toBe(`entry ${String(2 * SEARCH_LIMIT - 1).padStart(3, '0')}`);
    expect(background.sentOf('entries.search').at(-1)).toMatchObject({ query: '', limit: 2 * SEARCH_LIMIT });
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'entry' } });
    await waitFor(() => expect(names()).toHaveLength(SEARCH_LIMIT));
    expect(background.sentOf('entries.search').at(-1)).toMatchObject({ query: 'entry', limit: SEARCH_LIMIT });
  });

  it('syncs once after the first list is shown, then lists again', async () => {
    const background = unlockedBackground();
    await renderPopup(background);
    await waitFor(() => expect(background.sentOf('entries.search')).toHaveLength(2));
    expect(background.sent.map((request) => request.type)).toEqual(['status', 'entries.search', 'sync.now', 'entries.search']);
    expect(screen.getByText(/^Last synced/)).toBeTruthy();
  });

  it('copies the password, tells the background, counts down and clears the clipboard after 30 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const background = unlockedBackground();
    const { clipboard } = await renderPopup(background);
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(mainButton('mail'));
    expect(await screen.findByText('Copied — clears in 30 s')).toBeTruthy();
    expect(clipboard.text).toBe('mail-secret');
    expect(background.sentOf('entry.reveal')).toEqual([{ type: 'entry.reveal', itemId: 'mail', field: 'password' }]);
    expect(background.sentOf('clipboard.copied')).toEqual([{ type: 'clipboard.copied', itemId: 'mail', field: 'password' }]);
    await passTime(10_000);
    expect(screen.getByText('Copied — clears in 20 s')).toBeTruthy();
    await passTime(20_000);
    await waitFor(() => expect(screen.getByText('Clipboard cleared')).toBeTruthy());
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { clipboard } = await renderPopup(unlockedBackground());
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getAllByRole('button', { name: 'Copy login' })[0]!);
    await waitFor(() => expect(clipboard.text).toBe('shop@acme.test'));
    clipboard.text = 'my own note';
    await passTime(31_000);
    expect(clipboard.text).toBe('my own note');
  });

  it('moves through the list with the arrow keys and copies with Enter', async () => {
    const { clipboard } = await renderPopup(unlockedBackground());
    await waitFor(() => expect(names()).toHaveLength(3));
    const search = screen.getByRole('searchbox');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(mainButton('shop'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(mainButton('mail'));
    await waitFor(() => expect(mainButton('mail').tabIndex).toBe(0));
    expect(mainButton('shop').tabIndex).toBe(-1);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(mainButton('wiki'));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(clipboard.text).toBe('shop-secret'));
  });

  it('searches on every keystroke and never shows a stale answer', async () => {
    const pending: Array<(reply: EntriesReply) => void> = [];
    const background = unlockedBackground({ 'entries.search': () => new Promise<EntriesReply>((resolve) => pending.push(resolve)) });
    // The popup shows the unlocked screen once its first search, sent with the status, has answered.
    const rendered = renderPopup(background);
    await waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!({ rows: ROWS, total: 3 });
    await rendered;
    await waitFor(() => expect(names()).toHaveLength(3));
    const search = screen.getByRole('searchbox');
    fireEvent.input(search, { target: { value: 'w' } });
    fireEvent.input(search, { target: { value: 'wi' } });
    await waitFor(() => expect(pending.length).toBeGreaterThan(0));
    pending.shift()!({ rows: [row('stale')], total: 1 });
    await waitFor(() => expect(background.sentOf('entries.search').at(-1)?.query).toBe('wi'));
    expect(names()).not.toContain('stale');
    while (pending.length) pending.shift()!({ rows: [row('wiki')], total: 1 });
    await waitFor(() => expect(names()).toEqual(['wiki']));
  });

  it('asks for a typed character’s entries as soon as the browser announces it, and only once', async () => {
    const background = unlockedBackground();
    await renderPopup(background);
    await waitFor(() => expect(background.sentOf('entries.search')).toHaveLength(2));
    const box = screen.getByRole<HTMLInputElement>('searchbox');
    fireEvent(box, new InputEvent('beforeinput', { inputType: 'insertText', data: 'w', bubbles: true, cancelable: true }));
    expect(background.sentOf('entries.search').at(-1)).toMatchObject({ query: 'w' });
    fireEvent.input(box, { target: { value: 'w' } });
    await waitFor(() => expect(names()).toEqual(['wiki']));
    expect(background.sentOf('entries.search').filter((request) => request.query === 'w')).toHaveLength(1);
  });

  it('keeps the list when an announced character never reaches the box', async () => {
    const background = unlockedBackground();
    await renderPopup(background);
    await waitFor(() => expect(background.sentOf('entries.search')).toHaveLength(2));
    fireEvent(screen.getByRole('searchbox'), new InputEvent('beforeinput', { inputType: 'insertText', data: 'w', bubbles: true, cancelable: true }));
    await waitFor(() => expect(background.sentOf('entries.search')).toHaveLength(3));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(names()).toEqual(['shop', 'mail', 'wiki']);
  });

  it('says when nothing matches', async () => {
    await renderPopup(unlockedBackground());
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'zzz' } });
    expect(await screen.findByText('No results for “zzz”')).toBeTruthy();
  });

  it('shows the one-time code with the seconds left and fetches the next one when it expires', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let code = 123456;
    const background = unlockedBackground({
      'entries.search': () => ({ rows: [row('bank', { hasTotp: true })], total: 1 }),
      'entry.totp': () => ({ code: String(code++), period: 30, validUntil: Date.now() + 5_000 }),
    });
    const { clipboard } = await renderPopup(background);
    fireEvent.click(await screen.findByRole('button', { name: 'Show one-time code' }));
    await waitFor(() => expect(screen.getByTestId('totp-code').textContent).toBe('123 456'));
    expect(screen.getByRole('progressbar', { name: '5 s left' })).toBeTruthy();
    await passTime(5_000);
    await waitFor(() => expect(screen.getByTestId('totp-code').textContent).toBe('123 457'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(clipboard.text).toBe('123457'));
    expect(background.sentOf('clipboard.copied')).toEqual([{ type: 'clipboard.copied', itemId: 'bank', field: 'totp' }]);
  });

  it('shows the offline state and a pending confirmation', async () => {
    const offline = statusReply({ offline: true, pendingConfirmation: true });
    await renderPopup(unlockedBackground({ status: () => offline, 'sync.now': () => offline }));
    expect(await screen.findByTestId('offline')).toHaveProperty('textContent', 'Offline — showing the copy on this device');
    expect(screen.getByTestId('pending-confirmation').textContent).toContain('Waiting for an administrator to confirm your account.');
  });

  it('explains a failed reveal instead of copying', async () => {
    const { clipboard } = await renderPopup(
      unlockedBackground({
        'entry.reveal': () => {
          throw refuse('tampered');
        },
      }),
    );
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(mainButton('mail'));
    expect(await screen.findByText('This entry failed its integrity check and was not decrypted. Tell your administrator.')).toBeTruthy();
    expect(clipboard.text).toBe('');
  });

  it('offers the vault page only when the build has it', async () => {
    const { opened } = await renderPopup(unlockedBackground(), { extensionPageExists: async (path) => path === '/vault.html' });
    fireEvent.click(await screen.findByRole('button', { name: 'Open vault page' }));
    expect(opened).toEqual(['/vault.html']);
    cleanup();
    await renderPopup(unlockedBackground());
    await waitFor(() => expect(names()).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Open vault page' })).toBeNull();
  });

  it('locks from the toolbar', async () => {
    const background = unlockedBackground({ 'session.lock': () => statusReply({ state: 'locked' }) });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock Keyhold' })).toBeTruthy();
  });

  it('speaks German when that is the setting', async () => {
    await renderPopup(unlockedBackground({ status: () => statusReply({ language: 'de' }), 'sync.now': () => statusReply({ language: 'de' }) }));
    expect(await screen.findByRole('heading', { name: 'Diese Website' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Passwort kopieren' })).toHaveLength(3);
  });
});
