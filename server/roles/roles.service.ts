import type { Kysely } from 'kysely';
import type { AdminUser } from '../../lib/contract/admin-users';
import { BUILT_IN_PERMISSIONS, BUILT_IN_ROLES, isBuiltInRole, sortedPermissions, type Permission } from '../../lib/contract/permissions';
import type { Role } from '../../lib/contract/roles';
import { newId } from '../../lib/vault/owner-setup';
import { parsePermissions, requireHeld, requirePermission, rolePermissions } from '../auth/permissions';
import type { MemberCertificate } from '../../lib/crypto/certificates';
import type { KeyWrap } from '../../lib/crypto/wraps';
import type { RolesTable, Tables, UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { checkAdministratorCertificate, checkedOrganisationWrap } from '../organisation/organisation-grant';
import type { Sealer } from '../sealing/sealer';
import type { ClientInfo } from '../sessions/sessions.service';
import { adminUserById } from '../users/user-admin.service';
import { usersRepository } from '../users/users.repository';
import type { VaultsService } from '../vaults/vaults.service';
import { rolesRepository } from './roles.repository';

// Roles of delegated administration (docs/access-control.md, "Roles and delegated administration").
// The rules against escalation live here: nobody hands on a permission they do not hold, nobody
// edits or changes their own role, only the owner touches administrators, and the Owner and
// Administrator roles follow the certificate, never the other way round.

export interface RolesDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  events: EventsRepository;
  vaults: Pick<VaultsService, 'grantCompanyVaultsTo'>;
  now: () => number;
}

/** The body of PUT /users/{id}/role: a promotion to Administrator carries its certificate and wrap. */
export interface RoleAssignment {
  roleId: string;
  certificate?: MemberCertificate;
  organisationKeyWrap?: KeyWrap;
}

const DEMOTION_REFUSED =
  'an administrator has held the organisation key, which a role change cannot take back; to take administration away, delete the account (the person can be invited again as a member)';

export function rolesService(deps: RolesDeps) {
  const roles = rolesRepository(deps.db);
  const users = usersRepository(deps.db);

  const record = (type: string, actorId: string, target: { type: string; id: string }, client: ClientInfo, details: Record<string, unknown>) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: actorId }, target, vaultId: null, ip: client.ip, browserMode: client.browserMode, details });

  const customView = (row: RolesTable, counts: Map<string, number>): Role => ({ id: row.id, name: row.name, builtIn: false, permissions: sortedPermissions(parsePermissions(row.permissions)), userCount: counts.get(row.id) ?? 0 });

  async function custom(roleId: string): Promise<RolesTable> {
    if (isBuiltInRole(roleId)) throw new ApiError('forbidden', { field: 'param.id', detail: 'built-in roles cannot be changed' });
    const row = await roles.byId(roleId);
    if (!row) throw new ApiError('notFound', { field: 'param.id', detail: 'no such role' });
    return row;
  }

  /** Names are unique, and no custom role takes a built-in one's (an "Administrator" without the key would mislead). */
  async function nameFree(name: string, except: string | null): Promise<void> {
    const taken = await roles.byName(name);
    if ((taken && taken.id !== except) || isBuiltInRole(name.toLowerCase())) throw new ApiError('conflict', { field: 'body.name', detail: 'a role has this name' });
  }

  /** Runs a write of `name`; a role named so meanwhile by someone else (the unique index) is a 409, not a 500. */
  async function namedWrite(name: string, except: string | null, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const taken = await roles.byName(name);
      if (taken && taken.id !== except) throw new ApiError('conflict', { field: 'body.name', detail: 'a role has this name' });
      throw error;
    }
  }

  /** The permissions of any role by id (404 for none). */
  async function permissionsOfRole(roleId: string): Promise<Permission[]> {
    if (isBuiltInRole(roleId)) return [...BUILT_IN_PERMISSIONS[roleId]];
    const row = await roles.byId(roleId);
    if (!row) throw new ApiError('notFound', { field: 'body.roleId', detail: 'no such role' });
    return parsePermissions(row.permissions);
  }

  /**
   * Member to Administrator: the owner's client sent a new administrator certificate for the member's
   * same keys and login and the organisation KEK wrapped to that key. Both are checked before any
   * write; then the member holds the organisation key and administers every company vault (their
   * keys come through pending grants, as for a newcomer certified as administrator).
   */
  async function promote(actorId: string, target: UsersTable, input: RoleAssignment, client: ClientInfo): Promise<void> {
    if (!input.certificate) throw new ApiError('invalidKeys', { field: 'body.certificate', detail: 'Administrator comes with an administrator certificate for the same keys' });
    if (!input.organisationKeyWrap) throw new ApiError('invalidKeys', { field: 'body.organisationKeyWrap', detail: 'Administrator comes with the organisation key wrap' });
    await checkAdministratorCertificate(deps.db, target, input.certificate, 'body.certificate');
    const wrapRow = await checkedOrganisationWrap(deps, actorId, target.id, input.organisationKeyWrap, 'body.organisationKeyWrap');
    const now = deps.now();
    if (!(await users.promote(target.id, JSON.stringify(input.certificate), now))) throw new ApiError('conflict', { field: 'param.id', detail: 'the account changed meanwhile' });
    await users.insertKeyWrap(wrapRow);
    await deps.vaults.grantCompanyVaultsTo(target.id, actorId, client);
    await record('user.promoted', actorId, { type: 'user', id: target.id }, client, { from: target.role_id, to: 'administrator' });
  }

  return {
    /** Built-in roles first, then custom ones by name. */
    async list(): Promise<Role[]> {
      const [rows, counts] = await Promise.all([roles.all(), roles.holderCounts()]);
      const builtIn = BUILT_IN_ROLES.map((id): Role => ({ id, name: id, builtIn: true, permissions: [...BUILT_IN_PERMISSIONS[id]], userCount: counts.get(id) ?? 0 }));
      return [...builtIn, ...rows.map((row) => customView(row, counts))];
    },

    async create(actorId: string, input: { name: string; permissions: Permission[] }, client: ClientInfo): Promise<Role> {
      const { permissions: held } = await requirePermission(deps.db, actorId, 'manageRoles');
      requireHeld(held, input.permissions, 'body.permissions');
      await nameFree(input.name, null);
      const now = deps.now();
      const row: RolesTable = { id: newId(), name: input.name, permissions: JSON.stringify(sortedPermissions(input.permissions)), created_by: actorId, created_at: now, updated_at: now };
      await namedWrite(row.name, row.id, () => roles.insert(row));
      await record('role.created', actorId, { type: 'role', id: row.id }, client, { name: row.name, permissions: JSON.parse(row.permissions) as unknown });
      return customView(row, new Map());
    },

    /** Renames a custom role and sets its permissions; the editor must hold every permission it had and gets. */
    async update(actorId: string, roleId: string, input: { name: string; permissions: Permission[] }, client: ClientInfo): Promise<Role> {
      const { user, permissions: held } = await requirePermission(deps.db, actorId, 'manageRoles');
      const row = await custom(roleId);
      if (user.role_id === roleId) throw new ApiError('forbidden', { field: 'param.id', detail: 'nobody edits their own role' });
      requireHeld(held, [...parsePermissions(row.permissions), ...input.permissions], 'body.permissions');
      await nameFree(input.name, roleId);
      const permissions = JSON.stringify(sortedPermissions(input.permissions));
      await namedWrite(input.name, roleId, () => roles.update(roleId, { name: input.name, permissions, updated_at: deps.now() }));
      await record('role.updated', actorId, { type: 'role', id: roleId }, client, { name: input.name, permissions: JSON.parse(permissions) as unknown });
      return customView({ ...row, name: input.name, permissions }, await roles.holderCounts());
    },

    async remove(actorId: string, roleId: string, client: ClientInfo): Promise<void> {
      const { permissions: held } = await requirePermission(deps.db, actorId, 'manageRoles');
      const row = await custom(roleId);
      requireHeld(held, parsePermissions(row.permissions), 'param.id');
      if (!(await roles.removeUnused(roleId))) throw new ApiError('conflict', { field: 'param.id', detail: 'someone holds this role' });
      await record('role.deleted', actorId, { type: 'role', id: roleId }, client, { name: row.name });
    },

    /** Gives a certified account a role; see the contract (PUT /users/{id}/role) for every refusal. */
    async assign(actorId: string, targetId: string, input: RoleAssignment, client: ClientInfo): Promise<AdminUser> {
      const { roleId } = input;
      const { user: actor, permissions: held } = await requirePermission(deps.db, actorId, 'manageRoles');
      const target = await users.byId(targetId);
      // A machine account administers nothing: its access is its vault rights alone.
      if (!target || target.kind === 'machine') throw new ApiError('notFound', { field: 'param.id', detail: 'no such user' });
      if (target.id === actor.id) throw new ApiError('forbidden', { field: 'param.id', detail: 'nobody changes their own role' });
      if (target.role === 'owner' || roleId === 'owner') throw new ApiError('forbidden', { field: 'body.roleId', detail: 'there is one owner, and the role is not given' });
      if ((target.role === 'administrator' || roleId === 'administrator') && actor.role !== 'owner') throw new ApiError('forbidden', { field: 'body.roleId', detail: 'only the owner changes administrators' });
      if (!target.certificate || (target.role !== 'member' && target.role !== 'administrator')) throw new ApiError('conflict', { field: 'param.id', detail: 'certify the account first' });
      // An administrator has held the organisation key, so could still sign certificates and open every
      // company vault it had; a lower role would only be a title. Delete the account instead.
      if (target.role === 'administrator' && roleId !== 'administrator') throw new ApiError('conflict', { field: 'body.roleId', detail: DEMOTION_REFUSED });
      requireHeld(held, [...(await rolePermissions(deps.db, target)), ...(await permissionsOfRole(roleId))], 'body.roleId');
      if (roleId === 'administrator' && target.role === 'member') {
        await promote(actorId, target, input, client);
        return adminUserById(users, target.id);
      }
      if (target.role_id !== roleId) {
        await rolesRepository(deps.db).setUserRole(target.id, roleId, deps.now());
        await record('user.roleChanged', actorId, { type: 'user', id: target.id }, client, { from: target.role_id, to: roleId });
      }
      return adminUserById(users, target.id);
    },
  };
}

export type RolesService = ReturnType<typeof rolesService>;
