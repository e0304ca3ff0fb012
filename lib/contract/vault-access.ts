import { createRoute, z } from '@hono/zod-openapi';
import { GRANT_LEVELS } from './access-levels';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { idSchema, keyWrapSchema } from './schemas';
import { vaultSchema } from './vaults';

// Rights on a vault and its folders, for users and groups (docs/access-control.md). A grant at a
// folder overrides the vault's for its subtree; a user's own grant overrides their groups'; a
// user's "reset" hands a subtree back to their groups. Keys follow as queued grants (sync's
// pendingGrants), fulfilled in the background by an administrator's client.

export const grantLevelSchema = z.enum(GRANT_LEVELS).openapi('GrantLevel');
export const principalTypeSchema = z.enum(['user', 'group']);

/** One row of a vault's access list: who holds what where (folderId null: the vault root). */
export const accessGrantSchema = z
  .object({
    principalType: principalTypeSchema,
    principalId: idSchema,
    /** The user's login or the group's name. */
    name: z.string(),
    folderId: idSchema.nullable(),
    /** `reset` (users only): from here down, the user's groups decide. */
    level: z.union([grantLevelSchema, z.literal('reset')]),
    grantedBy: idSchema,
    createdAt: z.number().int(),
  })
  .openapi('AccessGrant');

/** Where an effective right comes from. */
export const rightSourceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), folderId: idSchema.nullable() }),
    z.object({ kind: z.literal('groups'), groups: z.array(z.object({ groupId: idSchema, name: z.string(), folderId: idSchema.nullable() })), resetAt: idSchema.nullable().optional() }),
    z.object({ kind: z.literal('none'), resetAt: idSchema.nullable().optional() }),
  ])
  .openapi('RightSource');

/** A person's effective right at the scope asked, and whether they hold the vault's current key. */
export const personRightSchema = z
  .object({
    userId: idSchema,
    login: z.string(),
    /** null: no access (nobody opened it); forbidden: someone shut it. */
    level: grantLevelSchema.nullable(),
    source: rightSourceSchema,
    /** False while they may read but wait for a wrap of the current key ("access pending"). */
    hasKey: z.boolean(),
  })
  .openapi('PersonRight');

const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('Too weak a right, or wrong master key hash.'),
  404: errorResponse('No such vault, folder, user or group.'),
};
const principalParams = z.object({ id: idSchema, principalType: principalTypeSchema, principalId: idSchema });

/** GET /api/v1/vaults/{id}/access */
export const getVaultAccessRoute = createRoute({
  method: 'get',
  path: '/api/v1/vaults/{id}/access',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Every grant of a vault and its folders, and each person’s effective right at the vault or a folder with where it comes from (full access)',
  request: { params: z.object({ id: idSchema }), query: z.object({ folderId: idSchema.optional() }) },
  responses: { 200: { description: 'Grants and effective rights.', ...json(z.object({ grants: z.array(accessGrantSchema), people: z.array(personRightSchema) })) }, ...common },
});

/** PUT /api/v1/vaults/{id}/access/{principalType}/{principalId} */
export const putVaultAccessRoute = createRoute({
  method: 'put',
  path: '/api/v1/vaults/{id}/access/{principalType}/{principalId}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Give a user or group a level (or a user a reset) at the vault or one of its folders (vault administrators)',
  request: { params: principalParams, body: { ...json(z.object({ folderId: idSchema.nullable(), level: z.union([grantLevelSchema, z.literal('reset')]) })), required: true } },
  responses: { 200: { description: 'The grant.', ...json(accessGrantSchema) }, ...common, 409: errorResponse('The vault would lose its last administrator, or an organisation administrator their company-vault access.') },
});

/** DELETE /api/v1/vaults/{id}/access/{principalType}/{principalId}?folderId= */
export const removeVaultAccessRoute = createRoute({
  method: 'delete',
  path: '/api/v1/vaults/{id}/access/{principalType}/{principalId}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Remove a grant at the vault (no folderId) or a folder; wraps of people who can no longer read are deleted (vault administrators)',
  request: { params: principalParams, query: z.object({ folderId: idSchema.optional() }) },
  responses: { 204: { description: 'Removed.' }, ...common, 409: errorResponse('The vault would lose its last administrator, or an organisation administrator their company-vault access.') },
});

/** PUT /api/v1/vaults/{id}/wraps/{userId} */
export const putVaultKeyWrapRoute = createRoute({
  method: 'put',
  path: '/api/v1/vaults/{id}/wraps/{userId}',
  tags: ['vaults'],
  security: unlocked,
  summary: 'Fulfil a pending grant: store the vault key wrapped to a member who may read in the vault, signed by the caller (vault administrators holding the key)',
  request: { params: z.object({ id: idSchema, userId: idSchema }), body: { ...json(z.object({ wrap: keyWrapSchema })), required: true } },
  responses: { 204: { description: 'Stored.' }, ...common, 409: errorResponse('The member may not read anything in this vault.') },
});

/** POST /api/v1/vaults/{id}/rotate */
export const rotateVaultKeyRoute = createRoute({
  method: 'post',
  path: '/api/v1/vaults/{id}/rotate',
  tags: ['vaults'],
  security: unlocked,
  summary:
    'Rotate the vault key (vault administrators): the next key version, wrapped to the caller; everyone who may read gets it as a pending grant, earlier versions stay for what is not re-keyed yet, and entries are re-keyed with items/{id}/rekey',
  request: { params: z.object({ id: idSchema }), body: { ...json(z.object({ keyVersion: z.number().int().min(2), wrap: keyWrapSchema })), required: true } },
  responses: { 200: { description: 'The vault at its new key version.', ...json(vaultSchema) }, ...common, 409: errorResponse('The key version is not the next one.') },
});
