import type { Permission } from '../../lib/contract/permission-set';
import type { MessageKey, Translate } from '../../lib/i18n/translate';
import type { RoleRow } from '../../lib/messages/protocol';

// The words for roles and permissions in the admin console. Built-in roles travel as their ids
// (owner, administrator, manager, user) and are named in the page's language; custom roles by
// the name their author gave.

const BUILT_IN_NAMES: Record<string, MessageKey> = {
  owner: 'vault.admin.role.owner',
  administrator: 'vault.admin.role.administrator',
  manager: 'vault.admin.roleName.manager',
  user: 'vault.admin.roleName.user',
};

/** What each permission allows, in the order of PERMISSIONS. */
export const PERMISSION_NAMES: Record<Permission, MessageKey> = {
  manageUsers: 'vault.admin.permission.manageUsers',
  manageGroups: 'vault.admin.permission.manageGroups',
  manageRoles: 'vault.admin.permission.manageRoles',
  createCompanyVaults: 'vault.admin.permission.createCompanyVaults',
  viewAuditLog: 'vault.admin.permission.viewAuditLog',
  managePolicies: 'vault.admin.permission.managePolicies',
  manageSecurity: 'vault.admin.permission.manageSecurity',
};

/** The name to show for the role `roleId`, from the listed roles (a built-in one translated). */
export function roleName(t: Translate, roleId: string, roles: readonly RoleRow[]): string {
  const key = BUILT_IN_NAMES[roleId];
  if (key) return t(key);
  return roles.find((role) => role.id === roleId)?.name ?? roleId;
}
