import { useEffect, useState } from 'preact/hooks';
import type { Permission } from '../../lib/contract/permission-set';
import { errorText, type ErrorOverrides } from '../../lib/i18n/error-text';
import type { AdminPermissions, RoleRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { AdminRoleForm } from './admin-role-form';
import { PERMISSION_NAMES, roleName } from './role-names';
import { usePageAction } from './use-page-action';

// 409: a role someone holds (delete) or a name taken (create, edit). A 403 (a permission not held, one's own
// role) comes in the server's words: the form offers neither.
const ROLE_ERRORS: ErrorOverrides = { conflict: 'vault.admin.roles.conflict' };

/**
 * "Roles" (holders of manageRoles): the built-in roles and the custom ones with what each may do,
 * custom roles made, edited and deleted (on a second click). `changes` counts role changes made
 * elsewhere (the accounts' role pickers), so the holder counts follow.
 */
export function AdminRoles({ page, mine, changes, onChanged }: { page: PopupModel; mine: AdminPermissions; changes: number; onChanged(): void }) {
  const t = page.t.value;
  const [roles, setRoles] = useState<RoleRow[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();

  useEffect(() => void run(async () => setRoles(await page.request({ type: 'admin.roles' }))), [changes]);

  const change = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      setEditing(null);
      setCreating(false);
      setRoles(await page.request({ type: 'admin.roles' }));
      onChanged();
    });
  const create = (name: string, permissions: Permission[]) => void change(() => page.request({ type: 'admin.createRole', name, permissions }));
  const update = (roleId: string) => (name: string, permissions: Permission[]) => void change(() => page.request({ type: 'admin.updateRole', roleId, name, permissions }));
  function remove(role: RoleRow): void {
    if (confirmDelete !== role.id) {
      setConfirmDelete(role.id);
      return;
    }
    setConfirmDelete(null);
    void change(() => page.request({ type: 'admin.deleteRole', roleId: role.id }));
  }
  // One's own role and a role holding what one does not are the server's 403: no buttons for them.
  const editable = (role: RoleRow) => !role.builtIn && role.id !== mine.roleId && role.permissions.every((permission) => mine.permissions.includes(permission));

  return (
    <div class="admin-roles" data-testid="admin-roles">
      <h3>{t('vault.admin.roles.title')}</h3>
      <p class="muted">{t('vault.admin.roles.text')}</p>
      <ErrorAlert message={failure && errorText(t, failure, ROLE_ERRORS)} />
      <ul>
        {roles?.map((role) => (
          <li key={role.id} data-testid="admin-role" data-role={role.id}>
            <p>
              <strong>{roleName(t, role.id, roles)}</strong> <span class="muted">{[role.builtIn ? t('vault.admin.roles.builtIn') : null, t('vault.admin.roles.holders', { count: role.userCount })].filter(Boolean).join(' · ')}</span>
            </p>
            <p class="muted" data-testid="admin-role-permissions">
              {role.permissions.length === 0 ? t('vault.admin.roles.nothing') : role.permissions.map((permission) => t(PERMISSION_NAMES[permission])).join(' · ')}
            </p>
            {editable(role) && editing !== role.id && (
              <div class="actions">
                <button type="button" disabled={busy} onClick={() => setEditing(role.id)}>
                  {t('vault.admin.roles.edit')}
                </button>
                <button type="button" class="danger" disabled={busy} onClick={() => remove(role)}>
                  {confirmDelete === role.id ? t('vault.admin.roles.deleteConfirm') : t('vault.admin.roles.delete')}
                </button>
              </div>
            )}
            {editing === role.id && <AdminRoleForm t={t} held={mine.permissions} initial={role} submitLabel={t('vault.admin.roles.save')} busy={busy} onSubmit={update(role.id)} onCancel={() => setEditing(null)} />}
          </li>
        ))}
      </ul>
      {creating ? (
        <AdminRoleForm t={t} held={mine.permissions} initial={{ name: '', permissions: [] }} submitLabel={t('vault.admin.roles.create')} busy={busy} onSubmit={create} onCancel={() => setCreating(false)} />
      ) : (
        <button type="button" disabled={busy} onClick={() => setCreating(true)}>
          {t('vault.admin.roles.new')}
        </button>
      )}
    </div>
  );
}
