// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../lib/contract/permissions';
import type { MachineRow } from '../../lib/messages/protocol';
import { fakeBackground, statusReply } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The machine accounts part of the admin console against a fake worker: an administrator creates a
// machine and sees its access key once, with a copy button and a warning; keys are listed with
// expiry and last use, added and revoked; a Manager (manageUsers, no organisation key) may only
// list and revoke.

afterEach(cleanup);

const KEY_TEXT = 'khak1.oKGio6SlpqeoqaqrrK2urw.wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t8.6Ky2Tg';
const MACHINES: MachineRow[] = [
  {
    id: 'm-ci',
    name: 'ci-deploy',
    createdAt: Date.UTC(2026, 10, 1),
    accessKeys: [
      { id: 'k1'.padEnd(22, 'A'), name: 'GitHub Actions', createdAt: Date.UTC(2026, 10, 1), expiresAt: null, revokedAt: null, lastUsedAt: Date.UTC(2026, 10, 20) },
      { id: 'k2'.padEnd(22, 'A'), name: 'old runner', createdAt: Date.UTC(2026, 10, 1), expiresAt: null, revokedAt: Date.UTC(2026, 10, 10), lastUsedAt: null },
    ],
  },
];

function worker(administrator: boolean) {
  let machines = MACHINES;
  return fakeBackground({
    status: () => statusReply({ login: 'alice@acme.test' }),
    'sync.now': () => statusReply({ login: 'alice@acme.test' }),
    'vault.tree': () => ({ vaults: [], trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'members.directory': () => ({ members: [], unverified: 0 }),
    'groups.list': () => [],
    'admin.permissions': () => (administrator ? { roleId: 'administrator', permissions: [...PERMISSIONS], administrator: true, owner: false } : { roleId: 'manager', permissions: ['manageUsers'], administrator: false, owner: false }),
    'admin.users': () => ({ users: [], loginPassword: null }),
    'admin.invitations': () => [],
    'admin.pending': () => [],
    'admin.roles': () => [],
    'admin.passwordPolicy': () => ({ loginPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false }, masterPassword: { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false } }),
    'admin.mfaRule': () => ({ requireMfa: false }),
    'admin.machines': () => machines,
    'admin.createMachine': ({ name }) => {
      const machine = { id: 'm-new', name, createdAt: 1, accessKeys: [] };
      machines = [...machines, machine];
      return { machine, accessKey: KEY_TEXT };
    },
    'admin.createAccessKey': ({ machineId, name }) => ({ machineId, key: { id: 'k3'.padEnd(22, 'A'), name, createdAt: 1, expiresAt: null, revokedAt: null, lastUsedAt: null }, accessKey: KEY_TEXT }),
    'admin.revokeAccessKey': ({ keyId }) => ({ keyId }),
    'admin.deleteUser': ({ userId }) => {
      machines = machines.filter((machine) => machine.id !== userId);
      return { userId };
    },
  });
}

async function openMachines(background: ReturnType<typeof worker>) {
  const view = await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { section: within(await screen.findByTestId('admin-machines')), view };
}

describe('machine accounts in the admin console', () => {
  it('lists each machine’s access keys with expiry, revocation and last use; revokes only live ones', async () => {
    const background = worker(true);
    const { section } = await openMachines(background);
    await waitFor(() => expect(section.getAllByTestId('admin-access-key')).toHaveLength(2));
    const [live, revoked] = section.getAllByTestId('admin-access-key');
    expect(within(live!).getByTestId('admin-access-key-details').textContent).toMatch(/^GitHub Actions · created .* · never expires · last used /);
    expect(within(revoked!).getByTestId('admin-access-key-details').textContent).toMatch(/^old runner · created .* · revoked .* · never used$/);
    expect(within(revoked!).queryByRole('button', { name: 'Revoke' })).toBeNull();
    fireEvent.click(within(live!).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(background.sentOf('admin.revokeAccessKey')).toEqual([{ type: 'admin.revokeAccessKey', machineId: 'm-ci', keyId: MACHINES[0]!.accessKeys[0]!.id }]));
  });

  it('creates a machine and shows its access key once, with a warning and a copy button', async () => {
    const background = worker(true);
    const { section, view } = await openMachines(background);
    await waitFor(() => expect(section.getAllByTestId('admin-machine')).toHaveLength(1));
    fireEvent.input(section.getByLabelText('Name'), { target: { value: ' Deploy-Bot ' } });
    fireEvent.input(section.getByLabelText('Access key name'), { target: { value: 'GitLab' } });
    fireEvent.input(section.getByLabelText('Expires on (optional)'), { target: { value: '2027-01-31' } });
    fireEvent.click(section.getByRole('button', { name: 'Create machine account' }));
    await waitFor(() => expect(background.sentOf('admin.createMachine')).toHaveLength(1));
    const sent = background.sentOf('admin.createMachine')[0]!;
    expect([sent.name, sent.accessKeyName, new Date(sent.expiresAt!).getDate()]).toEqual(['deploy-bot', 'GitLab', 31]);
    const shown = within(await section.findByTestId('new-access-key'));
    expect((shown.getByLabelText('Access key for deploy-bot') as HTMLInputElement).value).toBe(KEY_TEXT);
    expect(shown.getByRole('note').textContent).toMatch(/shown only once/);
    fireEvent.click(shown.getByRole('button', { name: 'Copy access key' }));
    await waitFor(() => expect(view.clipboard.text).toBe(KEY_TEXT));
    await waitFor(() => expect(section.getAllByTestId('admin-machine').map((item) => item.dataset.name)).toEqual(['ci-deploy', 'deploy-bot']));
  });

  it('adds an access key to a machine and shows it once', async () => {
    const background = worker(true);
    const { section } = await openMachines(background);
    await waitFor(() => expect(section.getAllByTestId('admin-machine')).toHaveLength(1));
    fireEvent.click(section.getByRole('button', { name: 'New access key' }));
    await waitFor(() => expect(background.sentOf('admin.createAccessKey')).toEqual([{ type: 'admin.createAccessKey', machineId: 'm-ci', name: 'ci-deploy', expiresAt: null }]));
    expect(((await section.findByLabelText('Access key for ci-deploy')) as HTMLInputElement).value).toBe(KEY_TEXT);
  });

  it('deletes a machine on a second click only', async () => {
    const background = worker(true);
    const { section } = await openMachines(background);
    await waitFor(() => expect(section.getAllByTestId('admin-machine')).toHaveLength(1));
    fireEvent.click(section.getByRole('button', { name: 'Delete machine' }));
    expect(background.sentOf('admin.deleteUser')).toEqual([]);
    fireEvent.click(section.getByRole('button', { name: /^Click again: the machine/ }));
    await waitFor(() => expect(background.sentOf('admin.deleteUser')).toEqual([{ type: 'admin.deleteUser', userId: 'm-ci' }]));
    await waitFor(() => expect(section.queryAllByTestId('admin-machine')).toHaveLength(0));
  });

  it('lets a Manager list and revoke, but not create (that needs the organisation key)', async () => {
    const { section } = await openMachines(worker(false));
    await waitFor(() => expect(section.getAllByTestId('admin-access-key')).toHaveLength(2));
    expect(section.queryByRole('button', { name: 'Create machine account' })).toBeNull();
    expect(section.queryByRole('button', { name: 'New access key' })).toBeNull();
    expect(section.getByRole('button', { name: 'Revoke' })).toBeTruthy();
  });
});
