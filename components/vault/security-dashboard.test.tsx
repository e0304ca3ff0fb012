// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultTree } from '../../lib/cache/vault-tree';
import { PERMISSIONS } from '../../lib/contract/permissions';
import type { SecuritySignals } from '../../lib/contract/security-signals';
import type { EntryView, SecurityReportStatus } from '../../lib/messages/protocol';
import type { FlaggedEntry } from '../../lib/vault/password-health';
import { fakeBackground, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The security dashboard against a fake worker: the worker's findings listed with their fixes (the
// entry's editor, the site's change-password page), the run followed until done, and for holders
// of viewAuditLog only, the activity chart with its counts and the unusual days.

afterEach(cleanup);

const DAY = 86_400_000;
const TREE: VaultTree = { vaults: [{ id: 'v-ops', name: 'Operations', kind: 'company', level: 'full', hasKey: true, entryCount: 4, folders: [] }], trashedFolders: [], tags: [], colours: [] };
const flagged = (id: string, name: string, urls: FlaggedEntry['urls'] = []): FlaggedEntry => ({ id, vaultId: 'v-ops', name, login: 'ops', urls, updatedAt: 0 });
const DONE: SecurityReportStatus = {
  state: 'done',
  finishedAt: 0,
  report: {
    checked: 4,
    unreadable: 1,
    weak: [{ ...flagged('item-router', 'Router', [{ url: 'https://router.acme.test/login', match: 'host' }]), score: 0 }],
    reused: [[flagged('item-mail', 'Mail'), flagged('item-chat', 'Chat', [{ url: 'https://github.com/login', match: 'domain' }])]],
    old: [{ ...flagged('item-vpn', 'VPN'), days: 800 }],
  },
};
const VIEW: EntryView = { ...flagged('item-router', 'Router'), folderId: null, revision: 3, tags: [], colour: null, description: '', favourite: false, deletedAt: null, fields: [{ id: 'password', type: 'password', label: 'Password', value: null }] };
const bucket = (start: number, counts: Partial<SecuritySignals['buckets'][number]> = {}) => ({ start, views: 0, copies: 0, fills: 0, totpCopies: 0, failedLogins: 0, tokenReuse: 0, ...counts });

function worker(auditor: boolean, overrides: FakeHandlers = {}) {
  let asked = 0;
  return fakeBackground({
    status: () => statusReply(),
    'sync.now': () => statusReply(),
    'vault.tree': () => TREE,
    'entries.list': () => ({ rows: [], total: 0 }),
    'entry.read': () => VIEW,
    'admin.permissions': () => (auditor ? { roleId: 'manager', permissions: [...PERMISSIONS], administrator: false, owner: false } : { roleId: 'user', permissions: [], administrator: false, owner: false }),
    // Running on the first ask, done on the next.
    'security.report': () => (asked++ === 0 ? { state: 'running', done: 100, total: 400 } : DONE),
    'security.signals': ({ from, bucket: size }) => ({
      from,
      to: from + 7 * DAY,
      bucket: size,
      buckets: Array.from({ length: 7 }, (_, day) => bucket(from + day * DAY, day === 6 ? { views: 34, failedLogins: 2 } : { views: 2 })),
      unusual: [{ kind: 'userAccess', day: from + 6 * DAY, userId: 'u-bob', login: 'bob@acme.test', count: 34, baseline: 2 }],
    }),
    ...overrides,
  });
}

async function openDashboard(background: ReturnType<typeof worker>) {
  await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Security' }));
  return within(await screen.findByTestId('security-dashboard'));
}

describe('the security dashboard', () => {
  it('follows the worker’s run, then lists weak, reused and old passwords with their fixes', async () => {
    const background = worker(false);
    const dashboard = await openDashboard(background);
    expect(await dashboard.findByText('Checking passwords… 100 of 400')).toBeTruthy();
    await waitFor(() => expect(dashboard.getByTestId('security-summary').textContent).toBe('4 passwords checked. 1 entries could not be read and were skipped.'));
    expect(background.sentOf('security.report')[0]).toEqual({ type: 'security.report', oldAfterDays: 365, restart: false });

    const weak = within(dashboard.getByTestId('security-weak'));
    expect(weak.getByTestId('finding').textContent).toContain('Router');
    expect(weak.getByTestId('finding').textContent).toContain('strength 0 of 4');
    expect(weak.getByRole('link', { name: 'Change password on the site' }).getAttribute('href')).toBe('https://router.acme.test/.well-known/change-password');
    const reused = within(dashboard.getByTestId('security-reused'));
    expect(reused.getAllByTestId('finding').map((item) => item.dataset.itemId)).toEqual(['item-mail', 'item-chat']);
    expect(reused.getByRole('list', { name: 'the same password in 2 entries' })).toBeTruthy();
    // An entry without a site has no change link; GitHub's comes from the well-known list.
    expect(reused.getAllByRole('link')).toHaveLength(1);
    const old = within(dashboard.getByTestId('security-old'));
    expect(old.getByTestId('finding').textContent).toContain('not saved for 800 days');
    expect(old.getByText(/Age counts from the last time the entry was saved/)).toBeTruthy();
  });

  it('opens the entry’s editor from a finding, and checks again on demand with other days', async () => {
    const background = worker(false);
    const dashboard = await openDashboard(background);
    await waitFor(() => expect(dashboard.getByTestId('security-summary')).toBeTruthy());
    fireEvent.change(dashboard.getByRole('combobox', { name: 'Old after' }), { target: { value: '90' } });
    await waitFor(() => expect(background.sentOf('security.report').at(-1)).toEqual({ type: 'security.report', oldAfterDays: 90, restart: false }));
    fireEvent.click(await dashboard.findByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(background.sentOf('security.report').at(-1)).toEqual({ type: 'security.report', oldAfterDays: 90, restart: true }));

    fireEvent.click(within(screen.getByTestId('security-weak')).getByRole('button', { name: 'Edit: Router' }));
    await waitFor(() => expect(screen.queryByTestId('security-dashboard')).toBeNull());
    expect(background.sentOf('entry.read')).toEqual([{ type: 'entry.read', itemId: 'item-router' }]);
    expect((await screen.findByDisplayValue('Router')) as HTMLInputElement).toBeTruthy();
  });

  it('shows no activity part to someone without viewAuditLog, and asks the server nothing', async () => {
    const background = worker(false);
    await openDashboard(background);
    await waitFor(() => expect(background.sentOf('admin.permissions')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByTestId('security-activity')).toBeNull();
    expect(background.sentOf('security.signals')).toEqual([]);
  });

  it('draws the activity of the last 7 days for viewAuditLog, with a table of the same counts and the unusual days', async () => {
    const background = worker(true);
    await openDashboard(background);
    const activity = within(await screen.findByTestId('security-activity'));
    await waitFor(() => expect(activity.getAllByTestId('activity-bar')).toHaveLength(7));
    const [asked] = background.sentOf('security.signals');
    expect(asked).toMatchObject({ bucket: 'day' });
    expect(asked!.to - asked!.from).toBe(7 * DAY);
    expect(new Date(asked!.from).getHours()).toBe(0);
    expect(activity.getByRole('img').getAttribute('aria-label')).toBe('Activity chart: 48 events in all, at most 36 in one bar.');
    expect(activity.getAllByTestId('activity-bar')[6]!.querySelector('title')!.textContent).toMatch(/Views 34, Copies 0, Fills 0, Code copies 0, Failed sign-ins 2, Token reuse 0$/);
    const rows = within(activity.getByTestId('activity-table')).getAllByRole('row');
    expect(rows).toHaveLength(8);
    expect(within(rows[7]!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['34', '0', '0', '0', '2', '0']);
    expect(activity.getByTestId('unusual').textContent).toMatch(/^bob@acme\.test viewed, copied or filled passwords 34 times on .+; usually 2\.$/);

    fireEvent.change(activity.getByRole('combobox', { name: 'Period' }), { target: { value: 'day' } });
    await waitFor(() => expect(background.sentOf('security.signals')).toHaveLength(2));
    expect(background.sentOf('security.signals')[1]).toMatchObject({ bucket: 'hour' });
  });
});
