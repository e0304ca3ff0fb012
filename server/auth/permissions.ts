import type { Kysely } from 'kysely';
import { BUILT_IN_PERMISSIONS, isBuiltInRole, PERMISSIONS, permissionSchema, type Permission } from '../../lib/contract/permissions';
import type { Tables, UsersTable } from '../db/tables';
import { ApiError } from '../http/errors';
import { rolesRepository } from '../roles/roles.repository';

// Delegated administration (docs/access-control.md, "Roles and delegated administration"): what an
// account may administer is its role's permissions. Holding the organisation key is another matter,
// decided by the certificate (`users.role`), and checked by requireAdministrator.

type RoleHolder = Pick<UsersTable, 'role' | 'role_id' | 'status'>;

/** True when the certificate makes the account an administrator (the owner included): they hold the organisation key. */
export const isCertificateAdministrator = (user: Pick<UsersTable, 'role'>) => user.role === 'owner' || user.role === 'administrator';

/**
 * The permissions the account's role gives, whatever its status. Certificate administrators hold
 * them all. The Owner and Administrator role ids give nothing to anyone else: a row that says so
 * without the certificate (which only a hostile edit of the database could make) is a User.
 */
export async function rolePermissions(db: Kysely<Tables>, user: Pick<UsersTable, 'role' | 'role_id'>): Promise<Set<Permission>> {
  if (isCertificateAdministrator(user)) return new Set(PERMISSIONS);
  if (user.role !== 'member') return new Set();
  if (isBuiltInRole(user.role_id)) return new Set(user.role_id === 'owner' || user.role_id === 'administrator' ? [] : BUILT_IN_PERMISSIONS[user.role_id]);
  const custom = await rolesRepository(db).byId(user.role_id);
  return new Set(custom ? parsePermissions(custom.permissions) : []);
}

/** The permissions the account holds now: its role's while it is active, none while pending or suspended. */
export async function permissionsOf(db: Kysely<Tables>, user: RoleHolder): Promise<Set<Permission>> {
  return user.status === 'active' ? rolePermissions(db, user) : new Set();
}

/** A stored permission list, keeping only ids this version knows (a later version's stay unused, not an error). */
export function parsePermissions(stored: string): Permission[] {
  const list = JSON.parse(stored) as unknown[];
  return list.filter((value): value is Permission => permissionSchema.safeParse(value).success);
}

/** The signed-in account, once it holds `permission` (403 `forbidden` otherwise), with every permission it holds. */
export async function requirePermission(db: Kysely<Tables>, userId: string, permission: Permission): Promise<{ user: UsersTable; permissions: Set<Permission> }> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new ApiError('unauthenticated');
  const permissions = await permissionsOf(db, user);
  if (!permissions.has(permission)) throw new ApiError('forbidden', { detail: `needs the ${permission} permission` });
  return { user, permissions };
}

/** The signed-in account, once it holds at least one of `permissions` (403 `forbidden` otherwise). */
export async function requireAnyPermission(db: Kysely<Tables>, userId: string, permissions: readonly Permission[]): Promise<UsersTable> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new ApiError('unauthenticated');
  const held = await permissionsOf(db, user);
  if (!permissions.some((permission) => held.has(permission))) throw new ApiError('forbidden', { detail: `needs one of ${permissions.join(', ')}` });
  return user;
}

/** Throws 403 unless `held` contains every permission of `wanted`: nobody hands on, or acts above, what they do not hold themselves. */
export function requireHeld(held: Set<Permission>, wanted: Iterable<Permission>, field: string): void {
  const missing = [...wanted].filter((permission) => !held.has(permission));
  if (missing.length > 0) throw new ApiError('forbidden', { field, detail: `you do not hold ${missing.join(', ')}` });
}
