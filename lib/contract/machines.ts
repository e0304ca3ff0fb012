import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { base64UrlSchema, certificateSchema, idSchema, loginSchema, masterKeyHeadersSchema, publicKeyRecordSchema, sealedPrivateKeySchema } from './schemas';
import { tokenPairSchema } from './sessions';

// Machine accounts (docs/access-control.md "Machine accounts"; keys in docs/cryptography.md
// "Machine access keys"): administrators create them (the manageUsers permission; the first
// certificate and every access key also need the organisation key, which only administrators
// hold); a machine signs in with an access key and reads vaults like a member.

/** An access key's public id: base64url of 16 bytes. */
export const accessKeyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an access key id (22 base64url characters)');

/** Both of a machine's private keys, sealed (under the organisation KEK for administrators). */
export const sealedMachineKeysSchema = z.object({ encryptionKey: sealedPrivateKeySchema, signingKey: sealedPrivateKeySchema }).openapi('SealedMachineKeys');

/** One access key's copy: the private keys and the organisation fingerprint, sealed under its wrapping key. */
export const accessKeySealSchema = sealedMachineKeysSchema.extend({ organisationFingerprint: base64UrlSchema(512) }).openapi('AccessKeySeal');

/** A new access key as the administrator's client sends it: never the token, only its hash. */
export const newAccessKeySchema = z
  .object({
    id: accessKeyIdSchema,
    name: z.string().trim().min(1).max(100),
    tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
    /** Milliseconds since the epoch; null: never expires. */
    expiresAt: z.number().int().positive().nullable(),
    sealedKeys: accessKeySealSchema,
  })
  .openapi('NewAccessKey');
export type NewAccessKey = z.infer<typeof newAccessKeySchema>;

/** An access key as the admin console lists it. */
export const accessKeyViewSchema = z
  .object({
    id: accessKeyIdSchema,
    name: z.string(),
    createdAt: z.number().int(),
    createdBy: idSchema,
    expiresAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
    lastUsedAt: z.number().int().nullable(),
  })
  .openapi('AccessKey');
export type AccessKeyView = z.infer<typeof accessKeyViewSchema>;

/** A machine account with its access keys. */
export const machineSchema = z
  .object({ id: idSchema, name: loginSchema, status: z.enum(['active', 'suspended']), createdAt: z.number().int(), accessKeys: z.array(accessKeyViewSchema) })
  .openapi('Machine');
export type Machine = z.infer<typeof machineSchema>;

const machineParams = z.object({ id: idSchema });
const refusals = { 401: errorResponse('Not signed in.'), 403: errorResponse('Without manageUsers, or wrong master key hash.') };

/** POST /api/v1/machines (manageUsers) */
export const createMachineRoute = createRoute({
  method: 'post',
  path: '/api/v1/machines',
  tags: ['machines'],
  security: bearer,
  summary: 'Create a machine account: its certified public keys, the administrators’ copy of its private keys, and its first access key (manageUsers)',
  request: {
    headers: masterKeyHeadersSchema,
    body: { ...json(z.object({ id: idSchema, name: loginSchema, certificate: certificateSchema, administratorKeys: sealedMachineKeysSchema, accessKey: newAccessKeySchema })), required: true },
  },
  responses: {
    201: { description: 'Created.', ...json(machineSchema) },
    400: errorResponse('Invalid request, or a certificate that does not verify or name the keys sent (`invalidKeys`).'),
    ...refusals,
    409: errorResponse('The id, name or access key id is taken.'),
  },
});

/** GET /api/v1/machines (manageUsers) */
export const listMachinesRoute = createRoute({
  method: 'get',
  path: '/api/v1/machines',
  tags: ['machines'],
  security: bearer,
  summary: 'Every machine account with its access keys (manageUsers)',
  responses: { 200: { description: 'The machines, by name.', ...json(z.object({ machines: z.array(machineSchema) })) }, ...refusals },
});

/** GET /api/v1/machines/{id}/keys (manageUsers) */
export const machineKeysRoute = createRoute({
  method: 'get',
  path: '/api/v1/machines/{id}/keys',
  tags: ['machines'],
  security: bearer,
  summary: 'A machine’s certificate and the administrators’ copy of its private keys, to seal them for a new access key (manageUsers)',
  request: { params: machineParams, headers: masterKeyHeadersSchema },
  responses: { 200: { description: 'The keys.', ...json(z.object({ certificate: certificateSchema, administratorKeys: sealedMachineKeysSchema })) }, ...refusals, 404: errorResponse('No such machine.') },
});

/** POST /api/v1/machines/{id}/access-keys (manageUsers) */
export const createAccessKeyRoute = createRoute({
  method: 'post',
  path: '/api/v1/machines/{id}/access-keys',
  tags: ['machines'],
  security: bearer,
  summary: 'Add an access key to a machine (manageUsers)',
  request: { params: machineParams, headers: masterKeyHeadersSchema, body: { ...json(newAccessKeySchema), required: true } },
  responses: { 201: { description: 'Added.', ...json(accessKeyViewSchema) }, 400: errorResponse('Invalid request.'), ...refusals, 404: errorResponse('No such machine.'), 409: errorResponse('The access key id is taken.') },
});

/** DELETE /api/v1/machines/{id}/access-keys/{keyId} (manageUsers) */
export const revokeAccessKeyRoute = createRoute({
  method: 'delete',
  path: '/api/v1/machines/{id}/access-keys/{keyId}',
  tags: ['machines'],
  security: bearer,
  summary: 'Revoke an access key: its copy of the private keys is deleted and its sessions end (manageUsers)',
  request: { params: machineParams.extend({ keyId: accessKeyIdSchema }) },
  responses: { 204: { description: 'Revoked (already revoked is no error).' }, ...refusals, 404: errorResponse('No such access key of this machine.') },
});

/** What a machine's sign-in returns: tokens, and what its client needs to open and verify its keys. */
export const machineSignInSchema = tokenPairSchema
  .extend({ machineId: idSchema, organisationId: idSchema, organisationKey: publicKeyRecordSchema, certificate: certificateSchema, sealedKeys: accessKeySealSchema })
  .openapi('MachineSignIn');

/** POST /api/v1/machine-sessions */
export const machineSignInRoute = createRoute({
  method: 'post',
  path: '/api/v1/machine-sessions',
  tags: ['sessions'],
  summary: 'Sign a machine in with an access key’s id and token',
  request: { body: { ...json(z.object({ accessKeyId: accessKeyIdSchema, token: base64UrlSchema(64) })), required: true } },
  responses: {
    201: { description: 'Signed in (refresh with POST /sessions/refresh).', ...json(machineSignInSchema) },
    400: errorResponse('Invalid request.'),
    401: errorResponse('Unknown key or wrong token (`invalidAccessKey`), or a revoked (`accessKeyRevoked`) or expired (`accessKeyExpired`) key.'),
  },
});
