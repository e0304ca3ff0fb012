// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../lib/contract/permissions';
import type { AdminUserRow, DirectoryMember, PendingMemberRow, RoleRow } from '../../lib/messages/protocol';
import { fakeBackground, refuse, statusReply, type FakeHandlers } from '../popup/testing/fake-background';
import { renderVault } from './testing/render-vault';

// The People section of the settings (the admin console) against a fake worker: for an
// organisation administrator (every permission and the organisation key), each action sent as the
// worker expects; hidden from a User. Delegated roles are in admin-roles.test.tsx.

afterEach(cleanup);

const DIRECTORY: DirectoryMember[] = [
  { userId: 'u-alice', login: 'alice@acme.test', role: 'administrator', fingerprint: '11'.repeat(32) },
  { userId: 'u-bob', login: 'bob@acme.test', role: 'member', fingerprint: '22'.repeat(32) },
];
const USERS: AdminUserRow[] = [
  { id: 'u-alice', login: 'alice@acme.test', role: 'administrator', roleId: 'administrator', status: 'active', mfa: true, certificatePending: false, createdAt: 1, lastSignInAt: Date.UTC(2026, 10, 1) },
  { id: 'u-bob', login: 'bob@acme.test', role: 'member', roleId: 'user', status: 'active', mfa: false, certificatePending: false, createdAt: 2, lastSignInAt: null },
  { id: 'u-carol', login: 'carol@acme.test', role: 'member', roleId: 'user', status: 'suspended', mfa: false, certificatePending: false, createdAt: 3, lastSignInAt: null },
];
const PENDING: PendingMemberRow[] = [
  { userId: 'u-dan', login: 'dan@acme.test', role: 'member', fingerprint: 'ab'.repeat(32), verified: true },
  { userId: 'u-eve', login: 'eve@acme.test', role: 'administrator', fingerprint: 'cd'.repeat(32), verified: false },
];
const ROLES: RoleRow[] = [
  { id: 'owner', name: 'owner', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
  { id: 'administrator', name: 'administrator', builtIn: true, permissions: [...PERMISSIONS], userCount: 1 },
  { id: 'manager', name: 'manager', builtIn: true, permissions: ['manageUsers', 'manageGroups', 'createCompanyVaults', 'viewAuditLog'], userCount: 0 },
  { id: 'user', name: 'user', builtIn: true, permissions: [], userCount: 2 },
];
const RULES = { minLength: 12, requireUppercase: false, requireDigits: false, requireSpecial: false };

function worker(login: string, overrides: FakeHandlers = {}) {
  let pending = PENDING;
  return fakeBackground({
    status: () => statusReply({ login }),
    'sync.now': () => statusReply({ login }),
    'vault.tree': () => ({ vaults: [], trashedFolders: [], tags: [], colours: [] }),
    'entries.list': () => ({ rows: [], total: 0 }),
    'members.directory': () => ({ members: DIRECTORY, unverified: 0 }),
    'groups.list': () => [],
    // alice's certificate makes her an administrator; bob is a User.
    'admin.permissions': () => (login === 'alice@acme.test' ? { roleId: 'administrator', permissions: [...PERMISSIONS], administrator: true, owner: false } : { roleId: 'user', permissions: [], administrator: false, owner: false }),
    'admin.roles': () => ROLES,
    'admin.passwordPolicy': () => ({ loginPassword: RULES, masterPassword: RULES }),
    'admin.users': () => ({ users: USERS, loginPassword: RULES }),
    'admin.suspend': ({ userId }) => ({ ...USERS.find((user) => user.id === userId)!, status: 'suspended' }),
    'admin.reactivate': ({ userId }) => ({ ...USERS.find((user) => user.id === userId)!, status: 'active' }),
    'admin.deleteUser': ({ userId }) => ({ userId }),
    'admin.resetLoginPassword': ({ userId }) => ({ userId }),
    'admin.invite': ({ role }) => ({ id: 'inv-1', role, link: 'https://vault.acme.test/join/inv-1#org=ab&secret=cd', expiresAt: Date.UTC(2026, 11, 3, 12) }),
    'admin.invitations': () => [
      { id: 'inv-0', role: 'member', createdAt: 1, expiresAt: Date.UTC(2026, 11, 2), accepted: false },
      { id: 'inv-x', role: 'member', createdAt: 1, expiresAt: Date.UTC(2026, 11, 2), accepted: true },
    ],
    'admin.pending': () => pending,
    'admin.certify': ({ userId }) => {
      pending = pending.filter((member) => member.userId !== userId);
      return { userId };
    },
    'admin.mfaRule': () => ({ requireMfa: false }),
    'admin.machines': () => [],
    'admin.requireMfa': ({ on }) => ({ requireMfa: on }),
    'admin.recover': ({ userId }) => ({ userId, login: USERS.find((user) => user.id === userId)!.login, link: 'https://vault.acme.test/recover/rec-1#org=ab&secret=cd', expiresAt: Date.UTC(2026, 11, 3, 12) }),
    ...overrides,
  });
}

async function openConsole(background: ReturnType<typeof worker>) {
  const view = await renderVault(background);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { section: within(await screen.findByTestId('admin-console')), view };
}

const user = (section: ReturnType<typeof within>, login: string) => within(section.getAllByTestId('admin-user').find((item: HTMLElement) => item.dataset.login === login)!);

describe('the admin console', () => {
  it('is not shown to a member who is not an administrator', async () => {
    const background = worker('bob@acme.test');
    await renderVault(background);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(background.sentOf('admin.permissions')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByTestId('admin-console')).toBeNull();
    expect(background.sentOf('admin.users')).toEqual([]);
  });

  it('lists the accounts with role, status, second factor and last sign-in; one’s own and the owner’s without actions', async () => {
    const { section } = await openConsole(worker('alice@acme.test'));
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    expect(user(section, 'bob@acme.test').getByTestId('admin-user-details').textContent).toBe('User · Active · no second factor · no sign-in yet');
    expect(user(section, 'alice@acme.test').getByTestId('admin-user-details').textContent).toMatch(/^Administrator · Active · two-step sign-in on · last sign-in /);
    expect(user(section, 'alice@acme.test').queryByRole('button')).toBeNull();
    expect(user(section, 'carol@acme.test').getByRole('button', { name: 'Reactivate' })).toBeTruthy();
  });

  it('suspends, reactivates, and deletes on a second click only, listing the accounts again', async () => {
    const background = worker('alice@acme.test');
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Suspend' }));
    await waitFor(() => expect(background.sentOf('admin.suspend')).toEqual([{ type: 'admin.suspend', userId: 'u-bob' }]));
    await waitFor(() => expect(background.sentOf('admin.users')).toHaveLength(2));
    await waitFor(() => expect((user(section, 'carol@acme.test').getByRole('button', { name: 'Reactivate' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(user(section, 'carol@acme.test').getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(background.sentOf('admin.reactivate')).toEqual([{ type: 'admin.reactivate', userId: 'u-carol' }]));

    await waitFor(() => expect((user(section, 'bob@acme.test').getByRole('button', { name: 'Delete account' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Delete account' }));
    expect(background.sentOf('admin.deleteUser')).toEqual([]);
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: /^Click again: the account/ }));
    await waitFor(() => expect(background.sentOf('admin.deleteUser')).toEqual([{ type: 'admin.deleteUser', userId: 'u-bob' }]));
  });

  it('turns off a lost second factor on a second click, offered only to accounts that have one', async () => {
    const withFactor = USERS.map((row) => (row.id === 'u-bob' ? { ...row, mfa: true } : row));
    const background = worker('alice@acme.test', { 'admin.users': () => ({ users: withFactor, loginPassword: RULES }), 'admin.resetMfa': ({ userId }) => ({ ...withFactor.find((row) => row.id === userId)!, mfa: false }) });
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    expect(user(section, 'carol@acme.test').queryByRole('button', { name: 'Turn off two-step sign-in' })).toBeNull();
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Turn off two-step sign-in' }));
    expect(background.sentOf('admin.resetMfa')).toEqual([]);
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: /^Click again: their authenticator/ }));
    await waitFor(() => expect(background.sentOf('admin.resetMfa')).toEqual([{ type: 'admin.resetMfa', userId: 'u-bob' }]));
  });

  it('recovers an account only after saying its private vaults are lost, then shows the link to copy', async () => {
    const background = worker('alice@acme.test');
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    // A suspended account is reactivated first; the server refuses it anyway.
    expect(user(section, 'carol@acme.test').queryByRole('button', { name: 'Recover account' })).toBeNull();
    await waitFor(() => expect((user(section, 'bob@acme.test').getByRole('button', { name: 'Recover account' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Recover account' }));
    const panel = within(user(section, 'bob@acme.test').getByTestId('admin-recover'));
    expect(panel.getByTestId('admin-recover-warning').textContent).toContain('Their private vaults cannot be recovered — only what is shared with them comes back, after you certify their new key.');
    expect(background.sentOf('admin.recover')).toEqual([]);
    fireEvent.click(panel.getByRole('button', { name: 'Make recovery link' }));
    await waitFor(() => expect(background.sentOf('admin.recover')).toEqual([{ type: 'admin.recover', userId: 'u-bob' }]));
    expect(((await panel.findByLabelText('Recovery link for bob@acme.test')) as HTMLInputElement).value).toBe('https://vault.acme.test/recover/rec-1#org=ab&secret=cd');
    fireEvent.click(panel.getByRole('button', { name: 'Copy link' }));
    expect(await panel.findByRole('status')).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(user(section, 'bob@acme.test').queryByTestId('admin-recover')).toBeNull());
  });

  it('shows the server’s reason when a deletion is refused', async () => {
    const background = worker('alice@acme.test', {
      'admin.deleteUser': () => {
        throw refuse('server');
      },
    });
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Delete account' }));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: /^Click again/ }));
    await waitFor(() => expect(within(screen.getByTestId('admin-users')).getByRole('alert').textContent).toBe('refused: server'));
  });

  it('resets a login password typed twice, checked against the policy first, and says it does not recover a master password', async () => {
    const background = worker('alice@acme.test');
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Reset login password' }));
    const form = within(section.getByRole('form', { name: 'New login password for bob@acme.test' }));
    expect(form.getByText(/does not recover a forgotten master password/)).toBeTruthy();
    const [first, second] = [form.getByLabelText('New login password'), form.getByLabelText('New login password again')];
    fireEvent.input(first, { target: { value: 'short' } });
    fireEvent.input(second, { target: { value: 'short' } });
    fireEvent.submit(first.closest('form')!);
    await waitFor(() => expect(form.getByRole('alert').textContent).toBe('This password does not meet the organisation’s rules for login passwords.'));
    fireEvent.input(first, { target: { value: 'a long new login password' } });
    fireEvent.input(second, { target: { value: 'a long new login passwort' } });
    fireEvent.submit(first.closest('form')!);
    await waitFor(() => expect(form.getByRole('alert').textContent).toBe('The two passwords do not match.'));
    fireEvent.input(second, { target: { value: 'a long new login password' } });
    fireEvent.submit(first.closest('form')!);
    await waitFor(() => expect(background.sentOf('admin.resetLoginPassword')).toEqual([{ type: 'admin.resetLoginPassword', userId: 'u-bob', password: 'a long new login password' }]));
    expect((await section.findByTestId('admin-reset-done')).textContent).toContain('bob@acme.test was signed out everywhere');
  });

  it('shows the server’s weakPassword refusal of a reset', async () => {
    const background = worker('alice@acme.test', {
      'admin.resetLoginPassword': () => {
        throw refuse('passwordChoice');
      },
    });
    const { section } = await openConsole(background);
    await waitFor(() => expect(section.getAllByTestId('admin-user')).toHaveLength(3));
    fireEvent.click(user(section, 'bob@acme.test').getByRole('button', { name: 'Reset login password' }));
    const form = within(section.getByRole('form', { name: 'New login password for bob@acme.test' }));
    fireEvent.input(form.getByLabelText('New login password'), { target: { value: 'a long new login password' } });
    fireEvent.input(form.getByLabelText('New login password again'), { target: { value: 'a long new login password' } });
    fireEvent.submit(form.getByLabelText('New login password').closest('form')!);
    await waitFor(() => expect(form.getByRole('alert').textContent).toBe('This password does not meet the organisation’s rules for login passwords.'));
  });

  it('makes an invitation and shows its link to copy, with its expiry; lists open invitations', async () => {
    const background = worker('alice@acme.test');
    const { section, view } = await openConsole(background);
    const invite = within(section.getByTestId('admin-invite'));
    await waitFor(() => expect(invite.getAllByTestId('invitation')).toHaveLength(1));
    fireEvent.change(invite.getByLabelText('Role'), { target: { value: 'administrator' } });
    fireEvent.submit(invite.getByRole('form', { name: 'Invite someone' }));
    await waitFor(() => expect(background.sentOf('admin.invite')).toEqual([{ type: 'admin.invite', role: 'administrator' }]));
    const link = within(await invite.findByTestId('invitation-link'));
    expect((link.getByLabelText('Invitation link') as HTMLInputElement).value).toBe('https://vault.acme.test/join/inv-1#org=ab&secret=cd');
    expect(link.getByText(/^Send this link to the newcomer over a channel you trust\. It works once, until \S.*, and is shown only now\.$/)).toBeTruthy();
    fireEvent.click(link.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(link.getByRole('status').textContent).toBe('Copied.'));
    expect(view.clipboard.text).toBe('https://vault.acme.test/join/inv-1#org=ab&secret=cd');
  });

  it('lists pending members with their key fingerprints and certifies the verified one with the fingerprint shown', async () => {
    const background = worker('alice@acme.test');
    const { section } = await openConsole(background);
    const pending = within(section.getByTestId('admin-pending'));
    await waitFor(() => expect(pending.getAllByTestId('pending-member')).toHaveLength(2));
    expect(pending.getAllByTestId('pending-fingerprint').map((code) => code.textContent)).toEqual([`${'ABAB '.repeat(15)}ABAB`, `${'CDCD '.repeat(15)}CDCD`]);
    const eve = within(pending.getAllByTestId('pending-member')[1]!);
    expect(eve.queryByRole('button')).toBeNull();
    expect(eve.getByRole('alert').textContent).toMatch(/do not certify them/);
    fireEvent.click(pending.getByRole('button', { name: 'Certify dan@acme.test' }));
    await waitFor(() => expect(background.sentOf('admin.certify')).toEqual([{ type: 'admin.certify', userId: 'u-dan', fingerprint: 'ab'.repeat(32) }]));
    await waitFor(() => expect(pending.getAllByTestId('pending-member')).toHaveLength(1));
    // The accounts list again, the newcomer now certified.
    await waitFor(() => expect(background.sentOf('admin.users').length).toBeGreaterThanOrEqual(2));
  });

  it('requires two-step sign-in for everyone, and says plainly when one’s own account has no second factor', async () => {
    const background = worker('alice@acme.test', {
      'admin.requireMfa': ({ on }) => {
        if (background.sentOf('admin.requireMfa').length === 1) throw refuse('conflict');
        return { requireMfa: on };
      },
    });
    const { section } = await openConsole(background);
    const rule = within(section.getByTestId('admin-mfa-rule'));
    fireEvent.click(await rule.findByRole('button', { name: 'Require it' }));
    await waitFor(() => expect(rule.getByRole('alert').textContent).toMatch(/^Your own account has no second factor yet/));
    fireEvent.click(rule.getByRole('button', { name: 'Require it' }));
    await waitFor(() => expect(rule.getByRole('button', { name: 'Stop requiring it' })).toBeTruthy());
    expect(rule.getByText(/^Required: anyone without an authenticator app/)).toBeTruthy();
    expect(background.sentOf('admin.requireMfa')).toEqual([
      { type: 'admin.requireMfa', on: true },
      { type: 'admin.requireMfa', on: true },
    ]);
  });
});
