import { useId } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import type { AdminPermissions, AdminUserRow, RoleRow } from '../../lib/messages/protocol';
import { roleName } from './role-names';

/** True when `mine` holds every permission of `role`: only such roles are given or taken away. */
const holdsAll = (mine: AdminPermissions, role: RoleRow | undefined) => role !== undefined && role.permissions.every((permission) => mine.permissions.includes(permission));

/**
 * The role of one certified member, for holders of manageRoles. Owner and Administrator are not
 * offered: Administrator comes with an administrator certificate and the organisation key, never
 * from this list. Roles holding a permission the caller lacks cannot be chosen, and a member whose
 * role holds one cannot be changed (the server refuses both).
 */
export function AdminRolePicker({ t, user, roles, mine, busy, onRole }: { t: Translate; user: AdminUserRow; roles: readonly RoleRow[]; mine: AdminPermissions; busy: boolean; onRole(roleId: string): void }) {
  const id = useId();
  const offered = roles.filter((role) => role.id !== 'owner' && role.id !== 'administrator');
  const current = roles.find((role) => role.id === user.roleId);
  return (
    <div class="field admin-role-picker">
      <label for={id}>{t('vault.admin.users.role', { login: user.login })}</label>
      <select id={id} value={user.roleId} disabled={busy || !holdsAll(mine, current)} onChange={(event) => onRole(event.currentTarget.value)}>
        {offered.map((role) => (
          <option key={role.id} value={role.id} disabled={!holdsAll(mine, role)}>
            {roleName(t, role.id, roles)}
          </option>
        ))}
      </select>
    </div>
  );
}
