import { useId, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import type { AdminPermissions, AdminUserRow, RoleRow } from '../../lib/messages/protocol';
import { roleName } from './role-names';

/** True when `mine` holds every permission of `role`: only such roles are given or taken away. */
const holdsAll = (mine: AdminPermissions, role: RoleRow | undefined) => role !== undefined && role.permissions.every((permission) => mine.permissions.includes(permission));

/**
 * The role of one certified member, for holders of manageRoles. Owner is never offered. Administrator
 * is offered to the owner only, and asks for a second, explicit click: the worker then signs a new
 * certificate for the member's keys and hands them the organisation key, which no later role change
 * takes back. Roles holding a permission the caller lacks cannot be chosen, and a member whose role
 * holds one cannot be changed (the server refuses both).
 */
export function AdminRolePicker({ t, user, roles, mine, busy, onRole }: { t: Translate; user: AdminUserRow; roles: readonly RoleRow[]; mine: AdminPermissions; busy: boolean; onRole(roleId: string): void }) {
  const id = useId();
  const [promoting, setPromoting] = useState(false);
  const offered = roles.filter((role) => role.id !== 'owner' && (role.id !== 'administrator' || mine.owner));
  const current = roles.find((role) => role.id === user.roleId);

  function choose(roleId: string): void {
    setPromoting(roleId === 'administrator');
    if (roleId !== 'administrator' && roleId !== user.roleId) onRole(roleId);
  }

  return (
    <div class="field admin-role-picker">
      <label for={id}>{t('vault.admin.users.role', { login: user.login })}</label>
      <select id={id} value={promoting ? 'administrator' : user.roleId} disabled={busy || !holdsAll(mine, current)} onChange={(event) => choose(event.currentTarget.value)}>
        {offered.map((role) => (
          <option key={role.id} value={role.id} disabled={!holdsAll(mine, role)}>
            {roleName(t, role.id, roles)}
          </option>
        ))}
      </select>
      {promoting && (
        <button type="button" disabled={busy} onClick={() => onRole('administrator')}>
          {t('vault.admin.users.promote', { login: user.login })}
        </button>
      )}
    </div>
  );
}
