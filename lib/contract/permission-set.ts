// The permission set of organisation administration and the built-in roles' ids, apart from the zod
// route definitions (permissions.ts) so the extension's messages can name them without loading the
// API contract into every page: shared by the roles routes, the admin console and GET /users/me.

/**
 * The documented permission set. Each gates a group of routes:
 * - `manageUsers`: list accounts, suspend, reactivate, delete, reset a login password;
 * - `manageGroups`: create, rename and delete groups, add and remove members, see who is in which;
 * - `manageRoles`: create, edit and delete custom roles, and give people roles;
 * - `createCompanyVaults`: create company vaults;
 * - `viewAuditLog`: read the audit log, verify its chain and sign its head (issue #11);
 * - `managePolicies`: the password policy and the KDF target;
 * - `manageSecurity`: the rule that everyone signs in with a second factor, and how long audit events are kept.
 */
export const PERMISSIONS = ['manageUsers', 'manageGroups', 'manageRoles', 'createCompanyVaults', 'viewAuditLog', 'managePolicies', 'manageSecurity'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The built-in roles' ids; custom roles have ids of `idSchema` (at least 8 characters), so they never collide. */
export const BUILT_IN_ROLES = ['owner', 'administrator', 'manager', 'user'] as const;
export type BuiltInRoleId = (typeof BUILT_IN_ROLES)[number];

/**
 * What each built-in role may do. Owner and Administrator hold everything (what sets them apart is
 * the certificate: they hold the organisation key, and only the owner acts on administrators).
 * Manager is day-to-day people administration without policies, security rules or roles.
 */
export const BUILT_IN_PERMISSIONS: Record<BuiltInRoleId, readonly Permission[]> = {
  owner: PERMISSIONS,
  administrator: PERMISSIONS,
  manager: ['manageUsers', 'manageGroups', 'createCompanyVaults', 'viewAuditLog'],
  user: [],
};

/** True for the ids of the built-in roles. */
export const isBuiltInRole = (id: string): id is BuiltInRoleId => (BUILT_IN_ROLES as readonly string[]).includes(id);

/** `permissions` without repeats, in the order of PERMISSIONS. */
export const sortedPermissions = (permissions: Iterable<Permission>): Permission[] => {
  const held = new Set(permissions);
  return PERMISSIONS.filter((permission) => held.has(permission));
};
