// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultTree } from '../../lib/cache/vault-tree';
import type { DirectoryMember, EntrySharesView, EntryView, InboxRow, ListRow, ShortcutRow } from '../../lib/messages/protocol';
import { fakeBackground, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// Sharing one entry on the vault page against a fake worker: the entry's Share panel (shortcuts
// placed in another vault the user may edit, sending to a member at the fingerprint shown, revoking),
// the shortcuts listed where they are placed and opened read-only, and the Inbox.

afterEach(cleanup);

const TREE: VaultTree = {
  vaults: [
    { id: 'v-ops', name: 'Operations', kind: 'company', level: 'full', hasKey: true, entryCount: 1, folders: [] },
    { id: 'v-team', name: 'Team', kind: 'company', level: 'read', hasKey: true, entryCount: 0, folders: [{ id: 'f-desk', name: 'Desk', level: 'edit', entryCount: 0, children: [] }] },
    { id: 'v-mine', name: 'Mine', kind: 'private', level: 'admin', hasKey: true, entryCount: 0, folders: [] },
    { id: 'v-pending', name: 'Pending', kind: 'company', level: 'edit', hasKey: false, entryCount: 0, folders: [] },
  ],
  trashedFolders: [],
  tags: [],
  colours: [],
};

const ROW: ListRow = { id: 'item-router', vaultId: 'v-ops', folderId: null, name: 'Router', login: 'admin', host: 'router.acme.test', tags: [], colour: null, favourite: false, hasPassword: true, hasTotp: false, updatedAt: 0, deletedAt: null };
const VIEW: EntryView = { ...ROW, revision: 1, urls: [], description: '', fields: [{ id: 'password', type: 'password', label: 'Password', value: null }] };
const DIRECTORY: DirectoryMember[] = [
  { userId: 'u-alice', login: 'alice', role: 'administrator', fingerprint: '11'.repeat(32) },
  { userId: 'u-bob', login: 'bob@acme.test', role: 'member', fingerprint: 'b0'.repeat(32) },
];
const SHARES: EntrySharesView = { shortcuts: [{ id: 's-1', vaultId: 'v-mine', vaultName: 'Mine', folderId: null, createdAt: 0 }], inbox: [{ id: 'i-1', recipientLogin: 'carol@acme.test', createdAt: 0 }] };
const SHORTCUTS: ShortcutRow[] = [
  { id: 's-9', itemId: 'item-vpn', vaultId: 'v-team', folderId: null, name: 'VPN', login: 'ops', host: null, stale: false },
  { id: 's-8', itemId: 'item-old', vaultId: 'v-team', folderId: null, name: 'Old printer', login: '', host: null, stale: true },
];
const INBOX: InboxRow[] = [
  { id: 'i-7', itemId: 'item-wifi', senderLogin: 'dave@acme.test', createdAt: 0, name: 'Wi-Fi', login: 'guest', host: null, problem: null },
  { id: 'i-6', itemId: 'item-bad', senderLogin: 'mallory@acme.test', createdAt: 0, name: 'Forged', login: '', host: null, problem: 'unverified' },
];
const SHARED_VIEW = (name: string): EntryView => ({ ...VIEW, id: 'item-shared', vaultId: 'v-elsewhere', name, login: 'ops' });

function worker(overrides: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply(),
    'sync.now': () => statusReply(),
    'vault.tree': () => TREE,
    'entries.list': ({ vaultId }) => (vaultId === 'v-team' ? { rows: [], total: 0 } : { rows: [ROW], total: 1 }),
    'entry.read': () => VIEW,
    'members.directory': () => ({ members: DIRECTORY, unverified: 0 }),
    'entry.shares': () => SHARES,
    'entry.placeShortcut': () => ({ shortcutId: 's-2' }),
    'entry.sendToInbox': () => ({ shareId: 'i-2' }),
    'inbox.remove': ({ shareId }) => ({ shareId }),
    'shortcut.remove': ({ shortcutId }) => ({ shortcutId }),
    'shortcuts.list': ({ vaultId }) => (vaultId === 'v-team' ? SHORTCUTS : []),
    'shortcut.read': () => SHARED_VIEW('VPN'),
    'shortcut.revealField': () => ({ value: 'vpn secret' }),
    'inbox.list': () => INBOX,
    'inbox.read': () => SHARED_VIEW('Wi-Fi'),
    'inbox.revealField': () => ({ value: 'wifi secret' }),
    ...overrides,
  });
}

const navigation = () => screen.getByRole('navigation', { name: 'Vaults, folders and tags' });

async function openSharing() {
  const details = await waitFor(() => within(screen.getByTestId('entry-details')));
  fireEvent.click(await waitFor(() => details.getByRole('button', { name: 'Share entry…' })));
  return within(await waitFor(() => screen.getByTestId('entry-sharing')));
}

describe('sharing one entry', () => {
  it('lists the entry’s shares and places a shortcut only where the user may edit in another vault holding its key', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openSharing();
    await waitFor(() => expect(panel.getAllByTestId('entry-shortcut').map((item) => item.textContent)).toEqual(['Shortcut in “Mine” Remove']));
    expect(panel.getAllByTestId('entry-inbox-share')[0]!.textContent).toMatch(/^Sent to carol@acme.test/);
    const place = panel.getByRole('combobox', { name: 'Place shortcut in…' }) as HTMLSelectElement;
    // Not the entry's own vault, not where the user only reads, not a vault whose key is pending.
    expect([...place.options].map((option) => option.textContent)).toEqual(['Choose a vault or folder', 'Team / Desk', 'Mine']);
    fireEvent.change(place, { target: { value: 'v-team/f-desk' } });
    fireEvent.click(panel.getByRole('button', { name: 'Place shortcut' }));
    await waitFor(() => expect(background.sentOf('entry.placeShortcut')).toEqual([{ type: 'entry.placeShortcut', itemId: 'item-router', vaultId: 'v-team', folderId: 'f-desk' }]));
    // Listed again once placed; the buttons wait for that.
    await waitFor(() => expect(background.sentOf('entry.shares')).toHaveLength(2));
    const remove = panel.getAllByRole('button', { name: 'Remove' })[0] as HTMLButtonElement;
    await waitFor(() => expect(remove.disabled).toBe(false));
    fireEvent.click(remove);
    await waitFor(() => expect(background.sentOf('shortcut.remove')).toEqual([{ type: 'shortcut.remove', shortcutId: 's-1' }]));
  });

  it('sends to a member only after showing the fingerprint the worker will wrap to, and revokes', async () => {
    const background = worker();
    await renderVault(background);
    const panel = await openSharing();
    const send = panel.getByRole('combobox', { name: 'Send to…' }) as HTMLSelectElement;
    await waitFor(() => expect([...send.options].map((option) => option.textContent)).toEqual(['Choose a member', 'bob@acme.test']));
    expect((panel.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(send, { target: { value: 'u-bob' } });
    expect(panel.getByTestId('send-fingerprint').textContent).toContain('B0B0 B0B0');
    fireEvent.click(panel.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(background.sentOf('entry.sendToInbox')).toEqual([{ type: 'entry.sendToInbox', itemId: 'item-router', userId: 'u-bob', fingerprint: 'b0'.repeat(32) }]));
    await waitFor(() => expect(background.sentOf('entry.shares')).toHaveLength(2));
    const revoke = panel.getByRole('button', { name: 'Revoke' }) as HTMLButtonElement;
    await waitFor(() => expect(revoke.disabled).toBe(false));
    fireEvent.click(revoke);
    await waitFor(() => expect(background.sentOf('inbox.remove')).toEqual([{ type: 'inbox.remove', shareId: 'i-1' }]));
  });

  it('offers no sharing below full access', async () => {
    await renderVault(worker({ 'vault.tree': () => ({ ...TREE, vaults: TREE.vaults.map((vault) => (vault.id === 'v-ops' ? { ...vault, level: 'edit' as const } : vault)) }) }));
    const details = await waitFor(() => within(screen.getByTestId('entry-details')));
    await waitFor(() => details.getByRole('button', { name: 'Edit' }));
    expect(details.queryByRole('button', { name: 'Share entry…' })).toBeNull();
  });

  it('shows shortcuts where they are placed, marked, and opens one read-only; one with a fresh key needs sharing again', async () => {
    const background = worker();
    const { clipboard } = await renderVault(background);
    await waitFor(() => fireEvent.click(within(navigation()).getByRole('button', { name: /^Team/ })));
    const here = within(await waitFor(() => screen.getByTestId('shortcuts-here')));
    expect(background.sentOf('shortcuts.list').at(-1)).toEqual({ type: 'shortcuts.list', vaultId: 'v-team', folderId: null });
    const rows = here.getAllByTestId('shortcut-row');
    expect(rows.map((row) => within(row).getByText('Shortcut').textContent)).toEqual(['Shortcut', 'Shortcut']);
    expect(rows[1]!.textContent).toContain('Needs to be shared again');
    expect((within(rows[1]!).getByRole('button', { name: 'Old printer' }) as HTMLButtonElement).disabled).toBe(true);
    // Reading the team vault: no removing shortcuts at its root.
    expect(here.queryByRole('button', { name: 'Remove' })).toBeNull();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'VPN' }));
    const shared = within(await waitFor(() => screen.getByTestId('shared-entry')));
    await waitFor(() => expect(shared.getByRole('heading', { level: 2 }).textContent).toBe('VPN'));
    expect(shared.getByText(/^Read only/)).toBeTruthy();
    expect(shared.queryByRole('button', { name: 'Edit' })).toBeNull();
    fireEvent.click(shared.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(clipboard.text).toBe('vpn secret'));
    expect(background.sentOf('shortcut.revealField')).toEqual([{ type: 'shortcut.revealField', shortcutId: 's-9', fieldId: 'password' }]);
  });

  it('lists the inbox with sender and entry, opens a verified share, keeps a refused one closed, and dismisses', async () => {
    const background = worker();
    await renderVault(background);
    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'Inbox' })));
    const inbox = within(await waitFor(() => screen.getByTestId('inbox')));
    const rows = await waitFor(() => inbox.getAllByTestId('inbox-row'));
    expect(rows[0]!.textContent).toContain('From dave@acme.test');
    expect(rows[1]!.textContent).toContain('Refused: the sender’s signature or its addressing does not verify.');
    expect((within(rows[1]!).getByRole('button', { name: 'Open' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(background.sentOf('inbox.remove')).toEqual([{ type: 'inbox.remove', shareId: 'i-6' }]));
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Open' }));
    const shared = within(await waitFor(() => screen.getByTestId('shared-entry')));
    await waitFor(() => expect(shared.getByRole('heading', { level: 2 }).textContent).toBe('Wi-Fi'));
    fireEvent.click(shared.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(shared.getByText('wifi secret')).toBeTruthy());
  });
});
