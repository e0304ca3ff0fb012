// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultTree } from '../../lib/cache/vault-tree';
import type { ShareLink } from '../../lib/contract/share-links';
import type { EntryView, ListRow } from '../../lib/messages/protocol';
import { fakeBackground, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The "Share link…" panel of an entry on the vault page against a fake worker: the options become
// the request the worker gets, the new link is shown once, and the entry's links are listed with
// their state and revoked.

afterEach(cleanup);

const TREE = (level: 'full' | 'edit'): VaultTree => ({ vaults: [{ id: 'v-ops', name: 'Operations', kind: 'company', level, hasKey: true, entryCount: 1, folders: [] }], trashedFolders: [], tags: [], colours: [] });
const ROW: ListRow = { id: 'item-router', vaultId: 'v-ops', folderId: null, name: 'Router', login: 'admin', host: null, tags: [], colour: null, favourite: false, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null };
const VIEW: EntryView = { ...ROW, revision: 1, urls: [], description: '', fields: [{ id: 'password', type: 'password', label: 'Password', value: null }] };
const LINK = (id: string, state: ShareLink['state'], changes: Partial<ShareLink> = {}): ShareLink => ({ id, itemId: ROW.id, vaultId: 'v-ops', createdBy: 'u-me', createdAt: 0, expiresAt: 86_400_000, maxViews: 1, views: 0, viewsLeft: 1, lastViewedAt: null, revokedAt: null, state, ...changes });
const URL = 'https://keyhold.acme.test/s/link-0001#k=gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8';

function worker(level: 'full' | 'edit', overrides: FakeHandlers = {}) {
  let links = [LINK('link-old', 'usedUp', { views: 1, viewsLeft: 0 })];
  return fakeBackground({
    status: () => statusReply(),
    'sync.now': () => statusReply(),
    'vault.tree': () => TREE(level),
    'entries.list': () => ({ rows: [ROW], total: 1 }),
    'entry.read': () => VIEW,
    'entry.links': () => links,
    'entry.createLink': () => ((links = [LINK('link-0001', 'active'), ...links]), { linkId: 'link-0001', url: URL }),
    'link.revoke': ({ linkId }) => ((links = links.map((link) => (link.id === linkId ? { ...link, state: 'revoked' as const } : link))), { linkId }),
    ...overrides,
  });
}

async function openLinks() {
  const details = await waitFor(() => within(screen.getByTestId('entry-details')));
  fireEvent.click(await waitFor(() => details.getByRole('button', { name: 'Share link…' })));
  return within(await waitFor(() => screen.getByTestId('entry-links')));
}

describe('share links on the vault page', () => {
  it('creates a single-use link by default and shows its URL once; a view limit replaces single use', async () => {
    const background = worker('full');
    await renderVault(background);
    const panel = await openLinks();
    await waitFor(() => expect(panel.getAllByTestId('entry-link').map((item) => item.dataset.state)).toEqual(['usedUp']));
    fireEvent.change(panel.getByRole('combobox', { name: 'Expires after' }), { target: { value: '2' } });
    fireEvent.click(panel.getByRole('button', { name: 'Create link' }));
    await waitFor(() => expect(background.sentOf('entry.createLink')).toEqual([{ type: 'entry.createLink', itemId: 'item-router', expiresInSeconds: 7 * 86400, maxViews: 1 }]));
    await waitFor(() => expect((panel.getByTestId('created-link-url') as HTMLInputElement).value).toBe(URL));
    await waitFor(() => expect(panel.getAllByTestId('entry-link').map((item) => item.dataset.state)).toEqual(['active', 'usedUp']));

    fireEvent.click(panel.getByRole('checkbox', { name: /Single use/ }));
    fireEvent.input(panel.getByRole('spinbutton', { name: /Maximum views/ }), { target: { value: '5' } });
    fireEvent.change(panel.getByRole('combobox', { name: 'Expires after' }), { target: { value: '4' } });
    fireEvent.click(panel.getByRole('button', { name: 'Create link' }));
    await waitFor(() => expect(background.sentOf('entry.createLink')[1]).toEqual({ type: 'entry.createLink', itemId: 'item-router', expiresInSeconds: null, maxViews: 5 }));
  });

  it('revokes an active link and offers no revoke for a revoked one', async () => {
    const background = worker('full', { 'entry.links': () => [LINK('link-live', 'active')] });
    await renderVault(background);
    const panel = await openLinks();
    const revoke = await waitFor(() => panel.getByRole('button', { name: 'Revoke' }) as HTMLButtonElement);
    await waitFor(() => expect(revoke.disabled).toBe(false));
    fireEvent.click(revoke);
    await waitFor(() => expect(background.sentOf('link.revoke')).toEqual([{ type: 'link.revoke', linkId: 'link-live' }]));
  });

  it('offers no share link where the user may only edit', async () => {
    await renderVault(worker('edit'));
    const details = await waitFor(() => within(screen.getByTestId('entry-details')));
    await waitFor(() => expect(details.getByRole('button', { name: 'Edit' })).toBeTruthy());
    expect(details.queryByRole('button', { name: 'Share link…' })).toBeNull();
  });
});
