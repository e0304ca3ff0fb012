import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { ACCESS_LEVELS } from './access-levels';
import { certificateSchema, idSchema, keyWrapSchema } from './schemas';

// Vaults and their members. The server records who may do what; the vault key itself only ever
// travels as a signed wrap to a member's certified key, made by a member who may share.

export { ACCESS_LEVELS, type AccessLevel } from './access-levels';
export const accessLevelSchema = z.enum(ACCESS_LEVELS).openapi('AccessLevel');

/** A vault's display name (clear: it is listed and searched). */
export const vaultNameSchema = z.string().trim().min(1).max(200);

/** A vault as a member sees it, with their own access level. */
export const vaultSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['company', 'private']),
    name: vaultNameSchema,
    /** The current vault key version: items' entry keys are wrapped under it. */
    keyVersion: z.number().int().min(1),
    level: accessLevelSchema,
    createdBy: idSchema,
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Vault');

/** A member's certificate, served so clients can check wraps and wrap to them. */
export const memberCertificateSchema = z.object({ userId: idSchema, certificate: certificateSchema }).openapi('CertificateOfMember');

const MAX_WRAPS = 500;
const idParams = z.object({ id: idSchema });
const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
};

/** GET /api/v1/vaults */
export const listVaultsRoute = createRoute({
  method: 'get',
  path: '/api/v1/vaults',
  tags: ['vaults'],
  security: unlocked,
  summary: 'The vaults the caller may open, with their access level',
  responses: { 200: { description: 'Vaults.', ...json(z.object({ vaults: z.array(vaultSchema) })) }, ...common },
});

/** POST /api/v1/vaults */
export const createVaultRoute = createRoute({
  method: 'post',
  path: '/api/v1/vaults',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Create a vault with its key wrapped to the creator (and, for company vaults, which need createCompanyVaults, to every administrator)',
  request: {
    body: {
      ...json(z.object({ id: idSchema, kind: z.enum(['company', 'private']), name: vaultNameSchema, wraps: z.array(keyWrapSchema).min(1).max(MAX_WRAPS) })),
      required: true,
    },
  },
  responses: { 201: { description: 'Created.', ...json(vaultSchema) }, ...common, 409: errorResponse('The id is taken.') },
});

/** GET /api/v1/vaults/{id} */
export const getVaultRoute = createRoute({
  method: 'get',
  path: '/api/v1/vaults/{id}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'One vault, the caller’s wrap of its key (null while access is pending) and the granter’s certificate',
  request: { params: idParams },
  responses: {
    200: { description: 'The vault.', ...json(z.object({ vault: vaultSchema, wrap: keyWrapSchema.nullable(), granter: memberCertificateSchema.nullable() })) },
    ...common,
    404: errorResponse('No such vault.'),
  },
});

/** PATCH /api/v1/vaults/{id} */
export const renameVaultRoute = createRoute({
  method: 'patch',
  path: '/api/v1/vaults/{id}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Rename a vault (full access)',
  request: { params: idParams, body: { ...json(z.object({ name: vaultNameSchema })), required: true } },
  responses: { 200: { description: 'Renamed.', ...json(vaultSchema) }, ...common, 404: errorResponse('No such vault.') },
});

/** DELETE /api/v1/vaults/{id} */
export const deleteVaultRoute = createRoute({
  method: 'delete',
  path: '/api/v1/vaults/{id}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Delete a vault with its folders, items and revisions (vault administrators)',
  request: { params: idParams },
  responses: { 204: { description: 'Deleted.' }, ...common, 404: errorResponse('No such vault.') },
});

/** A member of a vault, as members see them. */
export const vaultMemberSchema = z
  .object({
    userId: idSchema,
    login: z.string(),
    level: accessLevelSchema,
    grantedBy: idSchema,
    /** False while the member waits for a wrap of the current key ("access pending"). */
    hasKey: z.boolean(),
  })
  .openapi('VaultMember');

/** GET /api/v1/vaults/{id}/members */
export const listVaultMembersRoute = createRoute({
  method: 'get',
  path: '/api/v1/vaults/{id}/members',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Who may open a vault, at which level, and whether they hold its key yet',
  request: { params: idParams },
  responses: { 200: { description: 'Members.', ...json(z.object({ members: z.array(vaultMemberSchema) })) }, ...common, 404: errorResponse('No such vault.') },
});

/** PUT /api/v1/vaults/{id}/members/{userId} */
export const putVaultMemberRoute = createRoute({
  method: 'put',
  path: '/api/v1/vaults/{id}/members/{userId}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Share a vault with a certified member, or change their vault-wide level (vault administrators)',
  request: {
    params: z.object({ id: idSchema, userId: idSchema }),
    body: {
      ...json(
        z.object({
          level: accessLevelSchema,
          /** The vault key wrapped to the member's certified key and signed by the caller; required unless they already hold the current key. */
          wrap: keyWrapSchema.optional(),
        }),
      ),
      required: true,
    },
  },
  responses: { 200: { description: 'The member.', ...json(vaultMemberSchema) }, ...common, 404: errorResponse('No such vault or member.') },
});

/** DELETE /api/v1/vaults/{id}/members/{userId} */
export const removeVaultMemberRoute = createRoute({
  method: 'delete',
  path: '/api/v1/vaults/{id}/members/{userId}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Take a member’s access and key wraps away (company vaults always keep their administrators)',
  request: { params: z.object({ id: idSchema, userId: idSchema }) },
  responses: { 204: { description: 'Removed.' }, ...common, 404: errorResponse('No such vault or member.'), 409: errorResponse('The vault would lose its last administrator.') },
});

/** A certified member of the organisation, as the share dialog lists them. */
export const directoryMemberSchema = z
  .object({
    userId: idSchema,
    login: z.string(),
    role: z.enum(['owner', 'administrator', 'member']),
    /** Verify against the pinned organisation key before wrapping anything to it. */
    certificate: certificateSchema,
  })
  .openapi('DirectoryMember');

/** GET /api/v1/members */
export const listMembersDirectoryRoute = createRoute({
  method: 'get',
  path: '/api/v1/members',
  tags: ['vaults'],
  security: unlocked,
  summary: 'The organisation’s active, certified members with their certificates: whom a vault can be shared with',
  responses: { 200: { description: 'Members.', ...json(z.object({ members: z.array(directoryMemberSchema) })) }, ...common },
});
