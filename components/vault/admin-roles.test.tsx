// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../lib/contract/permissions';
import type { AdminPermissions, AdminUserRow, RoleRow } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// Delegated administration in the People section against a fake worker: what each role is shown
// (a Manager, a custom role with only managePolicies, an administrator), the Roles section, the
// role picker of each account and the password policy editor, each change sent as the worker expects.

afterEach(cleanup);

const MANAGER: Permission[] = ['manageUsers', 'manageGroups', 'createCompanyVaults', 'viewAuditLog'];
const ROLES: RoleRow[] = [
  { id: 'owner', name: 'owner', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
  { id: 'administrator', name: 'administrator', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
  { id: 'manager', name: 'manager', builtIn: true, permissions: MANAGER, userCount: 1 },
  { id: 'user', name: 'user', builtIn: true, permissions: [], userCount: 1 },
  { id: 'role-policies', name: 'Policy keepers', builtIn: false, permissions: ['managePolicies'], userCount: 1 },
  { id: 'role-helpdesk', name: 'Helpdesk', builtIn: false, permissions: ['manageUsers'], userCount: 0 },
];
const USERS: AdminUserRow[] = [
  { id: 'u-olga', login: 'olga@acme.test', role: 'owner', roleId: 'owner', status: 'active', mfa: true, certificatePending: false, createdAt: 1, lastSignInAt: null },
  { id: 'u-alice', login: 'alice@acme.test', role: 'administrator', roleId: 'administrator', status: 'active', mfa: true, certificatePending: false, createdAt: 2, lastSignInAt: null },
  { id: 'u-mia', login: 'mia@acme.test', role: 'member', roleId: 'manager', status: 'active', mfa: false, certificatePending: false, createdAt: 3, lastSignInAt: null },
  { id: 'u-pat', login: 'pat@acme.test', role: 'member', roleId: 'role-policies', status: 'active', mfa: false, certificatePending: false, createdAt: 4, lastSignInAt: null },
  { id: 'u-bob', login: 'bob@acme.test', role: 'member', roleId: 'user', status: 'active', mfa: false, certificatePending: false, createdAt: 5, lastSignInAt: null },
];
const RULES = { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false };

const MINE: Record<string, AdminPermissions> = {
  'olga@acme.test': { roleId: 'owner', permissions: [...PERMISSIONS], administrator: true, owner: true },
  'mia@acme.test': { roleId: 'manager', permissions: MANAGER, administrator: false, owner: false },
  'pat@acme.test': { roleId: 'role-policies', permissions: ['managePolicies'], administrator: false, owner: false },
  'dave@acme.test': { roleId: 'role-delegates', permissions: ['manageRoles', 'manageUsers'], administrator: false, owner: false },
};

function worker(login: string, overrides: FakeHandlers = {}) {
  return fakeBackground({
    status: () => statusReply({ login }),
    'sync.now': () => statusReply({ login }),
    'vault.tree': () => ({ vaults: [], trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'members.directory': () => ({ members: [], unverified: 0 }),
    'groups.list': () => [],
    'admin.permissions': () => MINE[login]!,
    'admin.users': () => ({ users: USERS, loginPassword: RULES }),
    'admin.roles': () => ROLES,
    'admin.createRole': ({ name, permissions }) => ({ id: 'role-new', name, builtIn: false, permissions, userCount: 0 }),
    'admin.updateRole': ({ roleId, name, permissions }) => ({ id: roleId, name, builtIn: false, permissions, userCount: 0 }),
    'admin.deleteRole': ({ roleId }) => ({ roleId }),
    'admin.setRole': ({ userId, roleId }) => ({ ...USERS.find((user) => user.id === userId)!, roleId }),
    'admin.invitations': () => [],
    'admin.pending': () => [],
    'admin.mfaRule': () => ({ requireMfa: false }),
    'admin.machines': () => [],
    'admin.passwordPolicy': () => ({ loginPassword: RULES, masterPassword: { ...RULES, minLength: 14 } }),
    'admin.setPasswordPolicy': ({ policy }) => policy,
    ...overrides,
  });
}

async function openConsole(background: ReturnType<typeof worker>) {
  await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return within(await screen.findByTestId('admin-console'));
}

const account = (section: ReturnType<typeof within>, login: string) => within(section.getAllByTestId('admin-user').find((item: HTMLElement) => item.dataset.login === login)!);
const role = (section: ReturnType<typeof within>, id: string) => within(section.getAllByTestId('admin-role').find((item: HTMLElement) => item.dataset.role === id)!);

describe('delegated administration in the admin console', () => {
  it('shows a Manager the accounts with their actions, and neither invitations, certificates, roles, policies nor the MFA rule', async () => {
    const background = worker('mia@acme.test');
    const section = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(5));
    expect(section.getByText(/^Manage the organisation’s accounts as your role allows\. Inviting people and certifying newcomers needs the organisation’s key/)).toBeTruthy();
    for (const testId of ['admin-invite', 'admin-pending', 'admin-roles', 'admin-password-policy', 'admin-mfa-rule']) expect(section.queryByTestId(testId)).toBeNull();
    expect(background.sentOf('admin.pending')).toEqual([]);
    expect(account(section, 'bob@acme.test').getByTestId('admin-user-details').textContent).toMatch(/^User · Active/);
    expect(account(section, 'pat@acme.test').getByTestId('admin-user-details').textContent).toMatch(/^Policy keepers · Active/);
    expect(account(section, 'bob@acme.test').getByRole('button', { name: 'Suspend' })).toBeTruthy();
    // Only the owner acts on administrators; no role picker without manageRoles.
    expect(account(section, 'alice@acme.test').queryByRole('button')).toBeNull();
    expect(section.queryByLabelText(/^Role of /)).toBeNull();
  });

  it('shows a custom role with only managePolicies the password policy editor and nothing else; saves the rules changed', async () => {
    const background = worker('pat@acme.test');
    const section = await openConsole(background);
    const policy = within(await section.findByTestId('admin-password-policy'));
    for (const testId of ['admin-invite', 'admin-users', 'admin-roles', 'admin-mfa-rule']) expect(section.queryByTestId(testId)).toBeNull();
    const [login, master] = policy.getAllByRole('group');
    const loginLength = within(login!).getByLabelText('Minimum length') as HTMLInputElement;
    expect([loginLength.value, (within(master!).getByLabelText('Minimum length') as HTMLInputElement).value]).toEqual(['12', '14']);
    fireEvent.input(loginLength, { target: { value: '6' } });
    expect((policy.getByRole('button', { name: 'Save policy' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(loginLength, { target: { value: '16' } });
    fireEvent.click(within(master!).getByLabelText('Require a digit'));
    fireEvent.click(policy.getByRole('button', { name: 'Save policy' }));
    await waitFor(() =>
      expect(background.sentOf('admin.setPasswordPolicy')).toEqual([{ type: 'admin.setPasswordPolicy', policy: { loginPassword: { ...RULES, minLength: 16 }, masterPassword: { ...RULES, minLength: 14, requireDigits: true } } }]),
    );
    expect((await policy.findByRole('status')).textContent).toBe('Policy saved.');
  });

  it('lists the roles with what each allows; creates one with only the permissions one holds ticked', async () => {
    const background = worker('dave@acme.test');
    const section = await openConsole(background);
    const roles = within(await section.findByTestId('admin-roles'));
    await waitFor(() => expect(roles.getAllByTestId('admin-role')).toHaveLength(6));
    expect(role(roles, 'manager').getByTestId('admin-role-permissions').textContent).toBe('Manage accounts: suspend, reactivate, delete, reset login passwords · Manage groups and their members · Create company vaults · View the audit log');
    expect(role(roles, 'user').getByTestId('admin-role-permissions').textContent).toBe('No administration');
    // Built-in roles, and a role holding a permission dave lacks, have no buttons.
    expect(role(roles, 'manager').queryByRole('button')).toBeNull();
    expect(role(roles, 'role-policies').queryByRole('button')).toBeNull();
    expect(role(roles, 'role-helpdesk').getByRole('button', { name: 'Edit' })).toBeTruthy();

    fireEvent.click(roles.getByRole('button', { name: 'New role' }));
    const form = within(roles.getByTestId('admin-role-form'));
    expect((form.getByLabelText('Edit the password policy and the key derivation target') as HTMLInputElement).disabled).toBe(true);
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Auditors' } });
    fireEvent.click(form.getByLabelText('Manage roles and give people roles'));
    fireEvent.click(form.getByLabelText('Manage accounts: suspend, reactivate, delete, reset login passwords'));
    fireEvent.click(form.getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(background.sentOf('admin.createRole')).toEqual([{ type: 'admin.createRole', name: 'Auditors', permissions: ['manageUsers', 'manageRoles'] }]));
    await waitFor(() => expect(background.sentOf('admin.roles').length).toBeGreaterThanOrEqual(3));
  });

  it('edits a custom role, deletes one on a second click, and words the refusal of a role someone holds', async () => {
    const background = worker('olga@acme.test', {
      'admin.deleteRole': () => {
        throw refuse('conflict');
      },
    });
    const section = await openConsole(background);
    const roles = within(await section.findByTestId('admin-roles'));
    await waitFor(() => expect(roles.getAllByTestId('admin-role')).toHaveLength(6));
    fireEvent.click(role(roles, 'role-helpdesk').getByRole('button', { name: 'Edit' }));
    const form = within(role(roles, 'role-helpdesk').getByTestId('admin-role-form'));
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Service desk' } });
    fireEvent.click(form.getByLabelText('Manage groups and their members'));
    fireEvent.click(form.getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(background.sentOf('admin.updateRole')).toEqual([{ type: 'admin.updateRole', roleId: 'role-helpdesk', name: 'Service desk', permissions: ['manageUsers', 'manageGroups'] }]));

    await waitFor(() => expect((role(roles, 'role-policies').getByRole('button', { name: 'Delete role' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(role(roles, 'role-policies').getByRole('button', { name: 'Delete role' }));
    expect(background.sentOf('admin.deleteRole')).toEqual([]);
    const again = await role(roles, 'role-policies').findByRole('button', { name: 'Click again to delete the role' });
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(again);
    await waitFor(() => expect(background.sentOf('admin.deleteRole')).toEqual([{ type: 'admin.deleteRole', roleId: 'role-policies' }]));
    await waitFor(() => expect(roles.getByRole('alert').textContent).toBe('Someone holds this role (give them another one first), or another role has this name.'));
  });

  it('gives a member a role from the picker, which offers neither Owner nor Administrator, and disables roles holding what one lacks', async () => {
    const background = worker('dave@acme.test');
    const section = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(5));
    const picker = account(section, 'bob@acme.test').getByLabelText('Role of bob@acme.test') as HTMLSelectElement;
    const options = [...picker.options].map((option) => [option.textContent, option.disabled]);
    expect(options).toEqual([
      ['Manager', true],
      ['User', false],
      ['Policy keepers', true],
      ['Helpdesk', false],
    ]);
    // A Manager's role holds what dave lacks: it cannot be taken away by him. Administrators get no picker.
    expect((account(section, 'mia@acme.test').getByLabelText('Role of mia@acme.test') as HTMLSelectElement).disabled).toBe(true);
    expect(account(section, 'alice@acme.test').queryByLabelText(/^Role of/)).toBeNull();
    expect(section.getByText(/^Administrator comes with an administrator certificate and the organisation’s key/)).toBeTruthy();
    fireEvent.change(picker, { target: { value: 'role-helpdesk' } });
    await waitFor(() => expect(background.sentOf('admin.setRole')).toEqual([{ type: 'admin.setRole', userId: 'u-bob', roleId: 'role-helpdesk' }]));
  });

  it('offers the owner Administrator for a member, sent only after a second, explicit click', async () => {
    const background = worker('olga@acme.test', { 'admin.setRole': ({ userId, roleId }) => ({ ...USERS.find((user) => user.id === userId)!, role: 'administrator', roleId }) });
    const section = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(5));
    const bob = account(section, 'bob@acme.test');
    const picker = bob.getByLabelText('Role of bob@acme.test') as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual(['Administrator', 'Manager', 'User', 'Policy keepers', 'Helpdesk']);
    expect(section.getByText(/^Choosing Administrator signs a new certificate for the person’s keys/)).toBeTruthy();
    fireEvent.change(picker, { target: { value: 'administrator' } });
    const confirm = await bob.findByRole('button', { name: 'Make bob@acme.test an administrator' });
    expect(background.sentOf('admin.setRole')).toEqual([]);
    fireEvent.click(confirm);
    await waitFor(() => expect(background.sentOf('admin.setRole')).toEqual([{ type: 'admin.setRole', userId: 'u-bob', roleId: 'administrator' }]));
    // Changing one's mind before the second click sends nothing.
    const pat = account(section, 'pat@acme.test');
    const patPicker = pat.getByLabelText('Role of pat@acme.test') as HTMLSelectElement;
    fireEvent.change(patPicker, { target: { value: 'administrator' } });
    await pat.findByRole('button', { name: 'Make pat@acme.test an administrator' });
    fireEvent.change(patPicker, { target: { value: 'role-policies' } });
    await waitFor(() => expect(pat.queryByRole('button', { name: 'Make pat@acme.test an administrator' })).toBeNull());
    expect(background.sentOf('admin.setRole')).toHaveLength(1);
  });

  it('offers company vaults only to holders of createCompanyVaults', async () => {
    for (const [login, kinds] of [
      ['pat@acme.test', ['Private']],
      ['mia@acme.test', ['Private', 'Company']],
    ] as const) {
      const background = worker(login);
      await renderVault(background);
      const navigation = within(screen.getByRole('navigation', { name: 'Vaults, folders and tags' }));
      fireEvent.click(navigation.getByRole('button', { name: 'New vault' }));
      await waitFor(() => expect(background.sentOf('admin.permissions')).toHaveLength(1));
      const form = within(navigation.getByRole('form', { name: 'New vault' }));
      await waitFor(() => expect(form.getAllByRole('radio').map((radio) => radio.closest('label')!.textContent!.split(/\W/)[0])).toEqual(kinds));
      cleanup();
    }
  });

  it('shows an owner every section, invitations and certificates included', async () => {
    const section = await openConsole(worker('olga@acme.test'));
    for (const testId of ['admin-invite', 'admin-pending', 'admin-users', 'admin-roles', 'admin-password-policy', 'admin-mfa-rule']) expect(await section.findByTestId(testId)).toBeTruthy();
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(5));
    expect(account(section, 'alice@acme.test').getByRole('button', { name: 'Suspend' })).toBeTruthy();
  });
});
