// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryMember, GroupRow } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The Groups section of the settings against a fake worker: only for holders of manageGroups
// (administrators, Managers), its members named by login, and each change sent as the worker expects.

afterEach(cleanup);

const DIRECTORY: DirectoryMember[] = [
  { userId: 'u-alice', login: 'alice@acme.test', role: 'administrator', fingerprint: '11'.repeat(32) },
  { userId: 'u-bob', login: 'bob@acme.test', role: 'member', fingerprint: '22'.repeat(32) },
  { userId: 'u-carol', login: 'carol@acme.test', role: 'member', fingerprint: '33'.repeat(32) },
];
const GROUPS: GroupRow[] = [
  { id: 'g-ops', name: 'Ops', memberIds: ['u-alice', 'u-bob', 'u-gone'] },
  { id: 'g-dbas', name: 'DBAs', memberIds: [] },
];

function worker(login: string, overrides: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply({ login }),
    'sync.now': () => statusReply({ login }),
    'vault.tree': () => ({ vaults: [], trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'members.directory': () => ({ members: DIRECTORY, unverified: 1 }),
    'groups.list': () => GROUPS,
    // alice is an administrator and carol a Manager: both hold manageGroups; bob is a User.
    'admin.permissions': () => ({ roleId: { 'alice@acme.test': 'administrator', 'carol@acme.test': 'manager' }[login] ?? 'user', permissions: login === 'bob@acme.test' ? [] : ['manageGroups'], administrator: login === 'alice@acme.test', owner: false }),
    'groups.create': () => ({ groupId: 'g-new' }),
    'groups.rename': ({ groupId }) => ({ groupId }),
    'groups.delete': ({ groupId }) => ({ groupId }),
    'groups.addMember': ({ groupId }) => ({ groupId }),
    'groups.removeMember': ({ groupId }) => ({ groupId }),
    ...overrides,
  });
}

/** Opens the settings and waits for the Groups section. */
async function openGroups(background: ReturnType<typeof worker>) {
  await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return within(await screen.findByTestId('groups-admin'));
}

const group = (section: ReturnType<typeof within>, name: string) => within(section.getAllByTestId('group').find((item: HTMLElement) => item.dataset.name === name)!);

describe('the groups of the organisation', () => {
  it('lists the groups with their members by login, for an administrator', async () => {
    const section = await openGroups(worker('alice@acme.test'));
    expect(section.getByRole('heading', { level: 2, name: 'Groups' })).toBeTruthy();
    expect(section.getAllByTestId('group').map((item) => item.dataset.name)).toEqual(['Ops', 'DBAs']);
    expect(group(section, 'Ops').getAllByTestId('group-member').map((item) => item.querySelector('span')!.textContent)).toEqual(['alice@acme.test', 'bob@acme.test', 'A member whose certificate does not verify']);
    expect(group(section, 'DBAs').getByText('No members yet.')).toBeTruthy();
  });

  it('is shown to a Manager, whose role holds manageGroups without an administrator certificate', async () => {
    const section = await openGroups(worker('carol@acme.test'));
    expect(section.getAllByTestId('group').map((item) => item.dataset.name)).toEqual(['Ops', 'DBAs']);
  });

  it('is not shown to a member without manageGroups', async () => {
    const background = worker('bob@acme.test');
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(background.sentOf('groups.list')).toHaveLength(1));
    await waitFor(() => expect(background.sentOf('admin.permissions')).toHaveLength(1));
    // Both answers in, and rendered: still no section.
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(screen.getByTestId('domain-groups')).toBeTruthy();
    expect(screen.queryByTestId('groups-admin')).toBeNull();
  });

  it('creates and renames a group, and lists the groups again', async () => {
    const background = worker('alice@acme.test');
    const section = await openGroups(background);
    const name = section.getByLabelText('New group name') as HTMLInputElement;
    fireEvent.input(name, { target: { value: '  Auditors ' } });
    fireEvent.submit(section.getByRole('form', { name: 'Create group' }));
    await waitFor(() => expect(background.sentOf('groups.create')).toEqual([{ type: 'groups.create', name: 'Auditors' }]));
    await waitFor(() => expect(background.sentOf('groups.list')).toHaveLength(2));
    await waitFor(() => expect(name.value).toBe(''));

    fireEvent.click(group(section, 'Ops').getByRole('button', { name: 'Rename group' }));
    const rename = group(section, 'Ops').getByLabelText('Group name');
    fireEvent.input(rename, { target: { value: 'Operations team' } });
    fireEvent.submit(rename.closest('form')!);
    await waitFor(() => expect(background.sentOf('groups.rename')).toEqual([{ type: 'groups.rename', groupId: 'g-ops', name: 'Operations team' }]));
    await waitFor(() => expect(group(section, 'Ops').queryByLabelText('Group name')).toBeNull());
    expect(background.sentOf('groups.list')).toHaveLength(3);
  });

  it('deletes a group on a second click only', async () => {
    const background = worker('alice@acme.test');
    const section = await openGroups(background);
    fireEvent.click(group(section, 'DBAs').getByRole('button', { name: 'Delete group' }));
    expect(background.sentOf('groups.delete')).toEqual([]);
    fireEvent.click(group(section, 'DBAs').getByRole('button', { name: /^Click again: the group and the rights it gives/ }));
    await waitFor(() => expect(background.sentOf('groups.delete')).toEqual([{ type: 'groups.delete', groupId: 'g-dbas' }]));
    await waitFor(() => expect(background.sentOf('groups.list')).toHaveLength(2));
  });

  it('adds a verified member not yet in the group, and removes one', async () => {
    const background = worker('alice@acme.test');
    const section = await openGroups(background);
    const add = group(section, 'Ops').getByLabelText('Add a member to Ops') as HTMLSelectElement;
    expect([...add.options].map((option) => option.textContent)).toEqual(['Choose a member', 'carol@acme.test']);
    fireEvent.change(add, { target: { value: 'u-carol' } });
    fireEvent.submit(add.closest('form')!);
    await waitFor(() => expect(background.sentOf('groups.addMember')).toEqual([{ type: 'groups.addMember', groupId: 'g-ops', userId: 'u-carol' }]));
    await waitFor(() => expect(background.sentOf('groups.list')).toHaveLength(2));
    // The buttons wait while a change is on its way.
    const remove = group(section, 'Ops').getByRole('button', { name: 'Remove bob@acme.test from Ops' }) as HTMLButtonElement;
    await waitFor(() => expect(remove.disabled).toBe(false));
    fireEvent.click(remove);
    await waitFor(() => expect(background.sentOf('groups.removeMember')).toEqual([{ type: 'groups.removeMember', groupId: 'g-ops', userId: 'u-bob' }]));
    await waitFor(() => expect(background.sentOf('groups.list')).toHaveLength(3));
  });

  it('shows the server’s refusal', async () => {
    const background = worker('alice@acme.test', {
      'groups.create': () => {
        throw refuse('server');
      },
    });
    const section = await openGroups(background);
    fireEvent.input(section.getByLabelText('New group name'), { target: { value: 'Ops' } });
    fireEvent.submit(section.getByRole('form', { name: 'Create group' }));
    await waitFor(() => expect(section.getByRole('alert').textContent).toBe('refused: server'));
    expect((section.getByLabelText('New group name') as HTMLInputElement).value).toBe('Ops');
  });
});
