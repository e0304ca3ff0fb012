import { createRoute, z } from '@hono/zod-openapi';
import { kdfTargetSchema } from './app-settings';
import { errorResponse } from './errors';
import { permissionSchema, roleIdSchema } from './permissions';
import { bearer } from './route-parts';
import { certificateSchema, idSchema, kdfParamsSchema, loginSchema, masterKeyHeadersSchema, publicKeyRecordSchema, sealedPrivateKeySchema } from './schemas';

/** GET /api/v1/users/master-key/options: the KDF record to derive the master key before unlock. */
export const masterKeyOptionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/users/master-key/options',
  tags: ['users'],
  summary: 'Key-derivation parameters for a login (a stable decoy for unknown logins)',
  request: { query: z.object({ login: loginSchema }) },
  responses: {
    200: { description: 'The parameters.', content: { 'application/json': { schema: z.object({ kdf: kdfParamsSchema }) } } },
    400: errorResponse('Invalid login.'),
  },
});

/** The signed-in user. */
export const meSchema = z
  .object({
    id: idSchema,
    login: loginSchema,
    /** `pending` until an administrator's client certifies the keys of someone who joined by invitation. */
    role: z.enum(['owner', 'administrator', 'member', 'pending']),
    organisationId: idSchema,
    organisationKey: publicKeyRecordSchema,
    organisationFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    certificate: certificateSchema.nullable(),
    /** True when sign-in asks for a second factor (TOTP); the settings page shows "Turn off" then. */
    mfa: z.boolean(),
    /** The role of delegated administration (GET /roles) and the permissions it gives now (none while pending or suspended). */
    roleId: roleIdSchema,
    permissions: z.array(permissionSchema),
  })
  .openapi('Me');

/** GET /api/v1/users/me */
export const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/users/me',
  tags: ['users'],
  security: bearer,
  summary: 'The signed-in user, their certificate and the organisation key',
  responses: { 200: { description: 'The user.', content: { 'application/json': { schema: meSchema } } }, 401: errorResponse('Not signed in.') },
});

/** The user's own key material for unlock. */
export const userKeysSchema = z
  .object({
    kdf: kdfParamsSchema,
    encryptionKey: sealedPrivateKeySchema,
    signingKey: sealedPrivateKeySchema,
    /** Set when `kdf` is weaker than the organisation's target: re-derive with these iterations (PUT users/me/master-key). */
    kdfUpgrade: kdfTargetSchema.nullable(),
  })
  .openapi('UserKeys');
export type SealedUserKeys = z.infer<typeof userKeysSchema>;

/** GET /api/v1/users/keys: needs `Passwork-MasterKeyHash` (unlock). */
export const userKeysRoute = createRoute({
  method: 'get',
  path: '/api/v1/users/keys',
  tags: ['users'],
  security: bearer,
  summary: 'The signed-in user’s encrypted private keys; checks the master key hash',
  request: { headers: masterKeyHeadersSchema },
  responses: {
    200: { description: 'The keys.', content: { 'application/json': { schema: userKeysSchema } } },
    401: errorResponse('Not signed in.'),
    403: errorResponse('Missing or wrong master key hash.'),
  },
});

/** GET /api/v1/users/{id}/public-key: public keys with the member certificate. */
export const userPublicKeyRoute = createRoute({
  method: 'get',
  path: '/api/v1/users/{id}/public-key',
  tags: ['users'],
  security: bearer,
  summary: 'A member’s public keys and certificate (verify it against the pinned organisation key)',
  request: { params: z.object({ id: idSchema }) },
  responses: {
    200: {
      description: 'The keys.',
      content: { 'application/json': { schema: z.object({ id: idSchema, login: loginSchema, encryptionKey: publicKeyRecordSchema, signingKey: publicKeyRecordSchema, certificate: certificateSchema.nullable() }) } },
    },
    401: errorResponse('Not signed in.'),
    404: errorResponse('No such user.'),
  },
});

