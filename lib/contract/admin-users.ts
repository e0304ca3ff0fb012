import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { roleIdSchema } from './permissions';
import { bearer, json } from './route-parts';
import { idSchema, loginSchema, passwordSchema } from './schemas';

// User administration for the admin console (the manageUsers permission, docs/access-control.md
// "Roles and delegated administration"). Who may act on whom: nobody acts on themselves or on the
// owner, only the owner acts on administrators, and nobody on an account whose role holds a
// permission they do not hold.

/** An account's status: `pending` until certified (joined by invitation), `active`, or `suspended` (cannot sign in). */
export const USER_STATUSES = ['pending', 'active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** One account as the admin console lists it. */
export const adminUserSchema = z
  .object({
    id: idSchema,
    login: loginSchema,
    /** `pending` while the newcomer waits for a certificate (the invited role is in GET /users/pending). */
    role: z.enum(['owner', 'administrator', 'member', 'pending']),
    /** The role of delegated administration (GET /roles): what the account may administer. `role` above is the certificate's. */
    roleId: roleIdSchema,
    status: z.enum(USER_STATUSES),
    /** True when sign-in asks for a TOTP code. */
    mfa: z.boolean(),
    /** Registered by invitation, keys not yet certified: certify with PUT /users/{id}/certificate. */
    certificatePending: z.boolean(),
    createdAt: z.number().int(),
    /** The newest session the server still holds for the user (null: none). */
    lastSignInAt: z.number().int().nullable(),
  })
  .openapi('AdminUser');
export type AdminUser = z.infer<typeof adminUserSchema>;

const userParams = z.object({ id: idSchema });
const refusals = {
  401: errorResponse('Not signed in.'),
  403: errorResponse('Without manageUsers; or the user is yourself, the owner, an administrator and you are not the owner, or holds a permission you do not.'),
  404: errorResponse('No such user.'),
};

/** GET /api/v1/users (manageUsers or manageRoles) */
export const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/v1/users',
  tags: ['users'],
  security: bearer,
  summary: 'Every account with its certificate role, role, status, second factor and whether its certificate is pending (manageUsers or manageRoles)',
  responses: { 200: { description: 'The accounts, by login.', ...json(z.object({ users: z.array(adminUserSchema) })) }, 401: errorResponse('Not signed in.'), 403: errorResponse('Without manageUsers or manageRoles.') },
});

/** POST /api/v1/users/{id}/suspend (manageUsers) */
export const suspendUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/users/{id}/suspend',
  tags: ['users'],
  security: bearer,
  summary: 'Suspend an account: every session of it ends now and sign-in answers `accountSuspended`; its vault rights stay for reactivation (manageUsers)',
  request: { params: userParams },
  responses: { 200: { description: 'Suspended (already suspended is no error).', ...json(adminUserSchema) }, ...refusals },
});

/** POST /api/v1/users/{id}/reactivate (manageUsers) */
export const reactivateUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/users/{id}/reactivate',
  tags: ['users'],
  security: bearer,
  summary: 'Lift a suspension: the account is active again (or pending, if never certified) with the rights it had (manageUsers)',
  request: { params: userParams },
  responses: { 200: { description: 'Reactivated (not suspended is no error).', ...json(adminUserSchema) }, ...refusals },
});

/** DELETE /api/v1/users/{id} (manageUsers) */
export const deleteUserRoute = createRoute({
  method: 'delete',
  path: '/api/v1/users/{id}',
  tags: ['users'],
  security: bearer,
  summary:
    'Delete an account with its sessions, second factor, recovery codes, vault rights, group memberships and key wraps; its private vaults nobody else has rights in go with it; refused (409) when any other vault would be left without an active administrator (manageUsers)',
  request: { params: userParams },
  responses: { 204: { description: 'Deleted.' }, ...refusals, 409: errorResponse('A vault (company, or private and shared) would be left without an active administrator: give it another one first.') },
});

/** PUT /api/v1/users/{id}/login-password (manageUsers) */
export const resetLoginPasswordRoute = createRoute({
  method: 'put',
  path: '/api/v1/users/{id}/login-password',
  tags: ['users'],
  security: bearer,
  summary:
    'Set a new login password for an account and end every session of it (manageUsers). This does not recover a forgotten master password: the server never had it, and the keys and vault data it protects are untouched',
  request: { params: userParams, body: { ...json(z.object({ password: passwordSchema })), required: true } },
  responses: { 204: { description: 'Set; the user signs in with it from now on.' }, 400: errorResponse('Invalid, or weaker than the login password policy (`weakPassword`).'), ...refusals },
});

/** DELETE /api/v1/users/{id}/mfa (administrators) */
export const resetUserMfaRoute = createRoute({
  method: 'delete',
  path: '/api/v1/users/{id}/mfa',
  tags: ['users'],
  security: bearer,
  summary:
    'Turn off the second factor of an account that lost it, with its recovery codes, and end every session of it (administrators). If the organisation requires a second factor, the next sign-in enrols a new one before anything else',
  request: { params: userParams },
  responses: { 204: { description: 'Turned off (none set is no error).' }, ...refusals },
});

/** The organisation's second-factor rule. */
export const mfaPolicySchema = z
  .object({
    /**
     * When true, signing in without a TOTP factor gives a session that only enrols one: the login
     * answers `mfaEnrolmentRequired: true`, and every other route answers 403 `mfaEnrolmentRequired`
     * until POST /users/me/mfa/totp/confirm succeeds.
     */
    requireMfa: z.boolean(),
  })
  .openapi('MfaPolicy');
export type MfaPolicy = z.infer<typeof mfaPolicySchema>;

/** GET /api/v1/app/settings/mfa */
export const getMfaPolicyRoute = createRoute({
  method: 'get',
  path: '/api/v1/app/settings/mfa',
  tags: ['app'],
  security: bearer,
  summary: 'Whether every account must sign in with a second factor',
  responses: { 200: { description: 'The rule in force.', ...json(mfaPolicySchema) }, 401: errorResponse('Not signed in.') },
});

/** PUT /api/v1/app/settings/mfa (manageSecurity) */
export const updateMfaPolicyRoute = createRoute({
  method: 'put',
  path: '/api/v1/app/settings/mfa',
  tags: ['app'],
  security: bearer,
  summary:
    'Require a second factor for everyone (manageSecurity; turning it on needs your own factor on). Sessions of accounts without one can then only enrol one (403 `mfaEnrolmentRequired` elsewhere) until they do',
  request: { body: { ...json(mfaPolicySchema), required: true } },
  responses: {
    200: { description: 'The rule now in force.', ...json(mfaPolicySchema) },
    400: errorResponse('Invalid.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without manageSecurity.'),
    409: errorResponse('Turning it on while your own account has no second factor.'),
  },
});
