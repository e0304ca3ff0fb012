// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { OwnShareLink } from '../../lib/messages/protocol';
import { fakeBackground, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// "My share links" in the vault page's settings against a fake worker: every link the user made,
// named by entry (or said to be gone), with its state, expiry and views, and a revoke that the
// list then shows.

afterEach(cleanup);

const DAY = 86_400_000;
const LINK = (id: string, entryName: string | null, changes: Partial<OwnShareLink> = {}): OwnShareLink => ({
  id,
  itemId: `item-${id}`,
  vaultId: 'v-ops',
  createdBy: 'u-me',
  createdAt: Date.UTC(2026, 10, 30),
  expiresAt: Date.UTC(2026, 10, 30) + DAY,
  maxViews: 5,
  views: 2,
  viewsLeft: 3,
  lastViewedAt: null,
  revokedAt: null,
  state: 'active',
  entryName,
  ...changes,
});

function worker(overrides: FakeHandlers = {}) {
  let links = [
    LINK('link-router', 'Router'),
    LINK('link-mail', 'Mail', { expiresAt: null, maxViews: null, viewsLeft: null, views: 7 }),
    LINK('link-gone', null, { state: 'usedUp', maxViews: 1, views: 1, viewsLeft: 0 }),
    LINK('link-old', 'VPN', { state: 'revoked', revokedAt: Date.UTC(2026, 10, 30) }),
  ];
  return fakeBackground({
    status: () => statusReply(),
    'sync.now': () => statusReply(),
    'vault.tree': () => ({ vaults: [], trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'links.mine': () => links,
    'link.revoke': ({ linkId }) => ((links = links.map((link) => (link.id === linkId ? { ...link, state: 'revoked' as const } : link))), { linkId }),
    ...overrides,
  });
}

async function openMyLinks(background: ReturnType<typeof worker>) {
  await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return within(await screen.findByTestId('my-share-links'));
}

const rows = (section: ReturnType<typeof within>): HTMLElement[] => section.queryAllByTestId('my-share-link');

describe('my share links', () => {
  it('lists every link with its entry, state, expiry and views, and a revoke for those not revoked', async () => {
    const section = await openMyLinks(worker());
    await waitFor(() => expect(rows(section).map((row) => row.dataset.linkId)).toEqual(['link-router', 'link-mail', 'link-gone', 'link-old']));
    const [router, mail, gone, old] = rows(section).map((row) => row.textContent ?? '');
    expect(router).toContain('Router · Active');
    expect(router).toContain('2 of 5 views used');
    expect(router).toContain('expires ');
    expect(mail).toContain('no expiry');
    expect(mail).toContain('7 views, no limit');
    expect(gone).toContain('Entry no longer available · Used up');
    expect(old).toContain('VPN · Revoked');
    expect(section.getAllByRole('button', { name: /^Revoke the link to / }).map((button) => button.getAttribute('aria-label'))).toEqual([
      'Revoke the link to Router',
      'Revoke the link to Mail',
      'Revoke the link to Entry no longer available',
    ]);
  });

  it('revokes a link and shows it revoked', async () => {
    const background = worker();
    const section = await openMyLinks(background);
    const revoke = (await section.findByRole('button', { name: 'Revoke the link to Mail' })) as HTMLButtonElement;
    await waitFor(() => expect(revoke.disabled).toBe(false));
    fireEvent.click(revoke);
    await waitFor(() => expect(background.sentOf('link.revoke')).toEqual([{ type: 'link.revoke', linkId: 'link-mail' }]));
    await waitFor(() => expect(rows(section).find((row) => row.dataset.linkId === 'link-mail')?.dataset.state).toBe('revoked'));
    expect(section.queryByRole('button', { name: 'Revoke the link to Mail' })).toBeNull();
    expect(background.sentOf('links.mine')).toHaveLength(2);
  });

  it('says so when the user has made no links', async () => {
    const section = await openMyLinks(worker({ 'links.mine': () => [] }));
    expect(await section.findByText('You have not made any share links.')).toBeTruthy();
    expect(rows(section)).toHaveLength(0);
  });
});
