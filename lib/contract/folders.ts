import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { ACCESS_LEVELS } from './access-levels';
import { idSchema } from './schemas';

// Folders nest inside one vault. Their names are clear (listed and searched); what autofill trusts
// is in the items' MAC'd metadata, never in folders.

export const folderNameSchema = z.string().trim().min(1).max(200);

/** A folder as served. */
export const folderSchema = z
  .object({
    id: idSchema,
    vaultId: idSchema,
    parentId: idSchema.nullable(),
    name: folderNameSchema,
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    deletedAt: z.number().int().nullable(),
    /** The caller's effective level in the folder (navigation on the way to a folder they may open). */
    level: z.enum(ACCESS_LEVELS),
  })
  .openapi('Folder');

const idParams = z.object({ id: idSchema });
const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
  404: errorResponse('No such folder or vault.'),
};

/** GET /api/v1/folders?vaultId= */
export const listFoldersRoute = createRoute({
  method: 'get',
  path: '/api/v1/folders',
  tags: ['folders'],
  security: unlocked,
  summary: 'The folders of a vault, trash included (deletedAt set)',
  request: { query: z.object({ vaultId: idSchema }) },
  responses: { 200: { description: 'Folders.', ...json(z.object({ folders: z.array(folderSchema) })) }, ...common },
});

/** POST /api/v1/folders */
export const createFolderRoute = createRoute({
  method: 'post',
  path: '/api/v1/folders',
  tags: ['folders'],
  security: unlocked,
  summary: 'Create a folder at the vault root or inside another folder of the same vault',
  request: { body: { ...json(z.object({ id: idSchema, vaultId: idSchema, parentId: idSchema.nullable().default(null), name: folderNameSchema })), required: true } },
  responses: { 201: { description: 'Created.', ...json(folderSchema) }, ...common, 409: errorResponse('The id is taken.') },
});

/** PATCH /api/v1/folders/{id} */
export const updateFolderRoute = createRoute({
  method: 'patch',
  path: '/api/v1/folders/{id}',
  tags: ['folders'],
  security: unlocked,
  summary: 'Rename a folder, or move it under another folder of its vault (null: to the root)',
  request: {
    params: idParams,
    body: { ...json(z.object({ name: folderNameSchema.optional(), parentId: idSchema.nullable().optional() }).refine((body) => body.name !== undefined || body.parentId !== undefined, { message: 'name or parentId', path: ['name'] })), required: true },
  },
  responses: { 200: { description: 'Updated.', ...json(folderSchema) }, ...common, 409: errorResponse('A folder cannot move inside itself.') },
});

/** DELETE /api/v1/folders/{id} */
export const trashFolderRoute = createRoute({
  method: 'delete',
  path: '/api/v1/folders/{id}',
  tags: ['folders'],
  security: unlocked,
  summary: 'Move a folder, its subfolders and their items to the trash',
  request: { params: idParams },
  responses: { 200: { description: 'In the trash.', ...json(folderSchema) }, ...common },
});

/** POST /api/v1/folders/{id}/restore */
export const restoreFolderRoute = createRoute({
  method: 'post',
  path: '/api/v1/folders/{id}/restore',
  tags: ['folders'],
  security: unlocked,
  summary: 'Take a folder out of the trash, with what was trashed along with it',
  request: { params: idParams },
  responses: { 200: { description: 'Restored.', ...json(folderSchema) }, ...common, 409: errorResponse('Not in the trash.') },
});

/** POST /api/v1/folders/{id}/purge */
export const purgeFolderRoute = createRoute({
  method: 'post',
  path: '/api/v1/folders/{id}/purge',
  tags: ['folders'],
  security: unlocked,
  summary: 'Delete a trashed folder for good, with its subfolders and their items',
  request: { params: idParams },
  responses: { 204: { description: 'Purged.' }, ...common, 409: errorResponse('Not in the trash.') },
});
