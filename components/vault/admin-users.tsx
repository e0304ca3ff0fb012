import { useEffect, useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import { errorText } from '../../lib/i18n/error-text';
import type { MessageKey } from '../../lib/i18n/translate';
import type { AdminPermissions, AdminUserRow, PageReplies, RoleRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { AdminRecover } from './admin-recover';
import { AdminResetPassword } from './admin-reset-password';
import { AdminRolePicker } from './admin-role-picker';
import { roleName } from './role-names';
import { usePageAction } from './use-page-action';

const STATUSES: Record<AdminUserRow['status'], MessageKey> = {
  active: 'vault.admin.status.active',
  suspended: 'vault.admin.status.suspended',
  pending: 'vault.admin.status.pending',
};

/**
 * The organisation's accounts: suspended, reactivated, deleted (on a second click) or given a new
 * login password (manageUsers), given a role (manageRoles), or recovered (administrators, who
 * hold the organisation key that certifies the new keys). `changes` counts changes made
 * beside it (a certificate issued, a role edited); `onRoleChanged` tells the Roles section.
 */
export function AdminUsers({ page, mine, changes, onRoleChanged }: { page: PopupModel; mine: AdminPermissions; changes: number; onRoleChanged(): void }) {
  const t = page.t.value;
  const me = page.status.value?.login ?? null;
  const [users, setUsers] = useState<AdminUserRow[] | null>(null);
  const [roles, setRoles] = useState<RoleRow[]>([]);
  const [rules, setRules] = useState<PageReplies['admin.users']['loginPassword']>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [confirmMfa, setConfirmMfa] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AdminUserRow | null>(null);
  const [recovering, setRecovering] = useState<AdminUserRow | null>(null);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);

  // Deletion refused (409: a vault would be left without an administrator) shows in the server's own words.
  const load = () =>
    run(async () => {
      const [listed, listedRoles] = await Promise.all([page.request({ type: 'admin.users' }), page.request({ type: 'admin.roles' })]);
      setUsers(listed.users);
      setRules(listed.loginPassword);
      setRoles(listedRoles);
    });
  useEffect(() => void load(), [changes]);

  const change = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      setUsers((await page.request({ type: 'admin.users' })).users);
    });

  const setRole = (user: AdminUserRow, roleId: string) =>
    void change(async () => {
      await page.request({ type: 'admin.setRole', userId: user.id, roleId });
      onRoleChanged();
    });
  const manages = mine.permissions.includes('manageUsers');
  const givesRoles = mine.permissions.includes('manageRoles');
  // The certificate's role while pending; afterwards the role of delegated administration.
  const shownRole = (user: AdminUserRow) => (user.role === 'pending' ? t('vault.admin.role.pending') : roleName(t, user.roleId, roles));

  async function remove(user: AdminUserRow): Promise<void> {
    if (confirmDelete !== user.id) {
      setConfirmDelete(user.id);
      return;
    }
    setConfirmDelete(null);
    await change(() => page.request({ type: 'admin.deleteUser', userId: user.id }));
  }

  async function resetMfa(user: AdminUserRow): Promise<void> {
    if (confirmMfa !== user.id) {
      setConfirmMfa(user.id);
      return;
    }
    setConfirmMfa(null);
    await change(() => page.request({ type: 'admin.resetMfa', userId: user.id }));
  }

  return (
    <div class="admin-users" data-testid="admin-users">
      <h3>{t('vault.admin.users.title')}</h3>
      <ErrorAlert message={failure && errorText(t, failure)} />
      <ul>
        {users?.map((user) => {
          // Nobody acts on themselves or the owner, and only the owner on administrators (the server says so too).
          const actionable = user.role !== 'owner' && user.login !== me && (user.role !== 'administrator' || mine.owner);
          return (
            <li key={user.id} data-testid="admin-user" data-login={user.login}>
              <p>
                <strong>{user.login}</strong>
              </p>
              <p class="muted" data-testid="admin-user-details">
                {[shownRole(user), t(STATUSES[user.status]), t(user.mfa ? 'vault.admin.users.mfaOn' : 'vault.admin.users.mfaOff'), user.lastSignInAt === null ? t('vault.admin.users.never') : t('vault.admin.users.lastSignIn', { at: when(user.lastSignInAt) })].join(' · ')}
              </p>
              {actionable && givesRoles && user.role === 'member' && <AdminRolePicker t={t} user={user} roles={roles} mine={mine} busy={busy} onRole={(roleId) => setRole(user, roleId)} />}
              {actionable && manages && (
                <div class="actions">
                  {user.status === 'suspended' ? (
                    <button type="button" disabled={busy} onClick={() => void change(() => page.request({ type: 'admin.reactivate', userId: user.id }))}>
                      {t('vault.admin.users.reactivate')}
                    </button>
                  ) : (
                    <button type="button" disabled={busy} onClick={() => void change(() => page.request({ type: 'admin.suspend', userId: user.id }))}>
                      {t('vault.admin.users.suspend')}
                    </button>
                  )}
                  <button type="button" disabled={busy} aria-pressed={resetting?.id === user.id} onClick={() => setResetting(resetting?.id === user.id ? null : user)}>
                    {t('vault.admin.users.resetPassword')}
                  </button>
                  {user.mfa && (
                    <button type="button" disabled={busy} onClick={() => void resetMfa(user)}>
                      {confirmMfa === user.id ? t('vault.admin.users.resetMfaConfirm') : t('vault.admin.users.resetMfa')}
                    </button>
                  )}
                  {/* Only a certified, active account has keys to replace; a pending newcomer is invited again instead. */}
                  {mine.administrator && user.status === 'active' && (
                    <button type="button" disabled={busy} aria-pressed={recovering?.id === user.id} onClick={() => setRecovering(recovering?.id === user.id ? null : user)}>
                      {t('vault.admin.users.recover')}
                    </button>
                  )}
                  <button type="button" class="danger" disabled={busy} onClick={() => void remove(user)}>
                    {confirmDelete === user.id ? t('vault.admin.users.deleteConfirm') : t('vault.admin.users.delete')}
                  </button>
                </div>
              )}
              {resetting?.id === user.id && <AdminResetPassword page={page} user={user} rules={rules} onDone={() => setResetting(null)} />}
              {recovering?.id === user.id && (
                <AdminRecover
                  page={page}
                  user={user}
                  onDone={() => {
                    setRecovering(null);
                    void change(async () => undefined);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {givesRoles && <p class="muted">{t(mine.owner ? 'vault.admin.users.roleNoteOwner' : 'vault.admin.users.roleNote')}</p>}
    </div>
  );
}
