import { createRoute, z } from '@hono/zod-openapi';
import { adminUserSchema } from './admin-users';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { PERMISSIONS, permissionSchema, roleIdSchema } from './permissions';
import { certificateSchema, idSchema, keyWrapSchema } from './schemas';

// Roles and delegated administration (issue #10 item 4, docs/access-control.md "Roles and delegated
// administration"). A role is a name and a set of permissions over organisation administration.
// It says nothing about vaults (those are access levels) and nothing about the organisation key:
// only accounts whose certificate says `administrator` hold that key, whatever their role.

export const roleNameSchema = z.string().trim().min(1).max(100);
export const roleSchema = z
  .object({
    id: roleIdSchema,
    /** The built-in roles' names are their ids; clients translate them. */
    name: roleNameSchema,
    builtIn: z.boolean(),
    /** Sorted in the order of PERMISSIONS. */
    permissions: z.array(permissionSchema),
    /** Accounts holding the role. */
    userCount: z.number().int().min(0),
  })
  .openapi('Role');
export type Role = z.infer<typeof roleSchema>;

/** A custom role as created or edited: a name and any subset of the permissions (each at most once). */
const roleInputSchema = z.object({ name: roleNameSchema, permissions: z.array(permissionSchema).max(PERMISSIONS.length).refine((list) => new Set(list).size === list.length, 'each permission once') });

const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('Without manageRoles; or the role grants a permission you do not hold, is built in, or is your own.'),
};

/** GET /api/v1/roles */
export const listRolesRoute = createRoute({
  method: 'get',
  path: '/api/v1/roles',
  tags: ['roles'],
  security: bearer,
  summary: 'Every role, built-in first, then custom ones by name, with its permissions and how many accounts hold it',
  responses: { 200: { description: 'Roles.', ...json(z.object({ roles: z.array(roleSchema) })) }, 401: errorResponse('Not signed in.') },
});

/** POST /api/v1/roles */
export const createRoleRoute = createRoute({
  method: 'post',
  path: '/api/v1/roles',
  tags: ['roles'],
  security: bearer,
  summary: 'Create a custom role (manageRoles; only permissions you hold yourself)',
  request: { body: { ...json(roleInputSchema), required: true } },
  responses: { 201: { description: 'Created.', ...json(roleSchema) }, ...common, 409: errorResponse('A role has this name.') },
});

/** PUT /api/v1/roles/{id} */
export const updateRoleRoute = createRoute({
  method: 'put',
  path: '/api/v1/roles/{id}',
  tags: ['roles'],
  security: bearer,
  summary: 'Rename a custom role and set its permissions (manageRoles; it must hold, before and after, only permissions you hold; not your own role)',
  request: { params: z.object({ id: idSchema }), body: { ...json(roleInputSchema), required: true } },
  responses: { 200: { description: 'Changed.', ...json(roleSchema) }, ...common, 404: errorResponse('No such custom role.'), 409: errorResponse('A role has this name.') },
});

/** DELETE /api/v1/roles/{id} */
export const deleteRoleRoute = createRoute({
  method: 'delete',
  path: '/api/v1/roles/{id}',
  tags: ['roles'],
  security: bearer,
  summary: 'Delete a custom role nobody holds (manageRoles)',
  request: { params: z.object({ id: idSchema }) },
  responses: { 204: { description: 'Deleted.' }, ...common, 404: errorResponse('No such custom role.'), 409: errorResponse('Someone holds the role: give them another first.') },
});

/** PUT /api/v1/users/{id}/role */
export const setUserRoleRoute = createRoute({
  method: 'put',
  path: '/api/v1/users/{id}/role',
  tags: ['roles'],
  security: bearer,
  summary:
    'Give a certified account a role (manageRoles). Not yourself, not the owner; only the owner changes administrators; you must hold every permission of the old and the new role. Owner is not assignable. Administrator (promotion of a member) comes with certificate, a new administrator certificate for the member’s same keys and login, and organisationKeyWrap, the organisation KEK wrapped to that key by the owner. Administrators keep their role (409): they hold the organisation key, which a role change cannot take back',
  request: { params: z.object({ id: idSchema }), body: { ...json(z.object({ roleId: roleIdSchema, certificate: certificateSchema.optional(), organisationKeyWrap: keyWrapSchema.optional() })), required: true } },
  responses: {
    200: { description: 'The account with its new role.', ...json(adminUserSchema) },
    ...common,
    404: errorResponse('No such user or role.'),
    400: errorResponse('A promotion without its certificate and organisation key wrap, a certificate naming other keys, login or role, or a wrap addressed to someone else.'),
    409: errorResponse('The account is not certified yet, or Administrator is taken from an administrator.'),
  },
});
