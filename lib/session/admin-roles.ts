import { ApiRequestError, type ApiClient } from '../api/client';
import { getAppSettingsRoute, updatePasswordPolicyRoute, type PasswordPolicy } from '../contract/app-settings';
import type { Permission } from '../contract/permissions';
import { createRoleRoute, deleteRoleRoute, listRolesRoute, setUserRoleRoute, updateRoleRoute, type Role } from '../contract/roles';
import { meRoute, userPublicKeyRoute } from '../contract/users';
import type { CertifiedMember, MemberCertificate } from '../crypto/certificates';
import type { AdminPermissions, AdminUserRow, RoleRow } from '../messages/protocol';
import { promotionBody } from '../vault/administrator-grant';
import { adminUserRow, organisationKeyHolder, type AdminContext } from './admin-console';
import { SessionError } from './session-error';

// Roles of delegated administration and the password policy, for the admin console (issue #10
// item 4). The page shows each section to those whose permissions allow it; the server decides.

/** The server's 409 (a name taken, a role someone holds, Administrator against the certificate) as the session's `conflict`, which the page words. */
async function conflictAsSession<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 409) throw new SessionError('conflict', error.message);
    throw error;
  }
}

const roleRow = ({ id, name, builtIn, permissions, userCount }: Role): RoleRow => ({ id, name, builtIn, permissions, userCount });

/** The caller's role and permissions as the server says now (a cached profile may predate a change). */
export async function adminPermissions(api: ApiClient): Promise<AdminPermissions> {
  const me = await api.call(meRoute);
  return { roleId: me.roleId, permissions: me.permissions, administrator: me.role === 'owner' || me.role === 'administrator', owner: me.role === 'owner' };
}

export async function listRoles(api: ApiClient): Promise<RoleRow[]> {
  return (await api.call(listRolesRoute)).roles.map(roleRow);
}

export async function createRole(api: ApiClient, name: string, permissions: Permission[]): Promise<RoleRow> {
  return roleRow(await conflictAsSession(api.call(createRoleRoute, { body: { name, permissions } })));
}

export async function updateRole(api: ApiClient, roleId: string, name: string, permissions: Permission[]): Promise<RoleRow> {
  return roleRow(await conflictAsSession(api.call(updateRoleRoute, { params: { id: roleId }, body: { name, permissions } })));
}

/** Deletes a custom role; one someone holds is the server's 409, worded by the page. */
export async function deleteRole(api: ApiClient, roleId: string): Promise<{ roleId: string }> {
  await conflictAsSession(api.call(deleteRoleRoute, { params: { id: roleId } }));
  return { roleId };
}

/** Gives a member a role; Administrator is a promotion, which this worker signs (promoteToAdministrator). */
export async function setUserRole(context: AdminContext, userId: string, roleId: string, now = Date.now()): Promise<AdminUserRow> {
  if (roleId === 'administrator') return promoteToAdministrator(context, userId, now);
  return adminUserRow(await conflictAsSession(context.api.call(setUserRoleRoute, { params: { id: userId }, body: { roleId } })));
}

/**
 * Member to Administrator (the owner): the member's current certificate must verify against the
 * pinned organisation key, so the new administrator certificate names the keys the organisation
 * certified before, not ones the server slipped in; the organisation KEK is wrapped to that key.
 */
async function promoteToAdministrator(context: AdminContext, userId: string, now: number): Promise<AdminUserRow> {
  const served = await context.api.call(userPublicKeyRoute, { params: { id: userId } });
  if (!served.certificate) throw new SessionError('conflict', 'Certify the account before making it an administrator.');
  const certificate = served.certificate as MemberCertificate;
  let member: CertifiedMember;
  try {
    member = await context.vault.certify(certificate, userId);
  } catch {
    throw new SessionError('tampered', `The certificate of ${served.login} does not verify against the organisation key.`);
  }
  const { admin, granter } = await organisationKeyHolder(context);
  const body = await promotionBody(admin, { certificate, member }, granter, now);
  return adminUserRow(await conflictAsSession(context.api.call(setUserRoleRoute, { params: { id: userId }, body })));
}

export async function passwordPolicy(api: ApiClient): Promise<PasswordPolicy> {
  return (await api.call(getAppSettingsRoute)).passwordPolicy;
}

export async function setPasswordPolicy(api: ApiClient, policy: PasswordPolicy): Promise<PasswordPolicy> {
  return (await api.call(updatePasswordPolicyRoute, { body: policy })).passwordPolicy;
}
