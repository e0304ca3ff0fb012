import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { idSchema } from './schemas';

// Groups: named sets of members that hold vault and folder rights as one principal. Every member
// may list them (they appear as the source of people's rights); holders of manageGroups manage
// them. Adding someone to a group may give them vaults: the key reaches them as a queued grant.

export const groupNameSchema = z.string().trim().min(1).max(200);

export const groupSchema = z
  .object({
    id: idSchema,
    name: groupNameSchema,
    /** Who is in it: served to holders of manageGroups only (empty for others). */
    memberIds: z.array(idSchema),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Group');

const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('Without manageGroups (or adding yourself without an administrator certificate), or wrong master key hash.'),
};
const idParams = z.object({ id: idSchema });
const memberParams = z.object({ id: idSchema, userId: idSchema });

/** GET /api/v1/groups */
export const listGroupsRoute = createRoute({
  method: 'get',
  path: '/api/v1/groups',
  tags: ['groups'],
  security: unlocked,
  summary: 'Every group by name, with its members for holders of manageGroups',
  responses: { 200: { description: 'Groups.', ...json(z.object({ groups: z.array(groupSchema) })) }, ...common },
});

/** POST /api/v1/groups */
export const createGroupRoute = createRoute({
  method: 'post',
  path: '/api/v1/groups',
  tags: ['groups'],
  security: unlocked,
  summary: 'Create a group (manageGroups)',
  request: { body: { ...json(z.object({ id: idSchema, name: groupNameSchema })), required: true } },
  responses: { 201: { description: 'Created.', ...json(groupSchema) }, ...common, 409: errorResponse('The id or the name is taken.') },
});

/** PATCH /api/v1/groups/{id} */
export const renameGroupRoute = createRoute({
  method: 'patch',
  path: '/api/v1/groups/{id}',
  tags: ['groups'],
  security: unlocked,
  summary: 'Rename a group (manageGroups)',
  request: { params: idParams, body: { ...json(z.object({ name: groupNameSchema })), required: true } },
  responses: { 200: { description: 'Renamed.', ...json(groupSchema) }, ...common, 404: errorResponse('No such group.'), 409: errorResponse('The name is taken.') },
});

/** DELETE /api/v1/groups/{id} */
export const deleteGroupRoute = createRoute({
  method: 'delete',
  path: '/api/v1/groups/{id}',
  tags: ['groups'],
  security: unlocked,
  summary: 'Delete a group with every right it holds (manageGroups)',
  request: { params: idParams },
  responses: { 204: { description: 'Deleted.' }, ...common, 404: errorResponse('No such group.'), 409: errorResponse('A vault would lose its last administrator.') },
});

/** PUT /api/v1/groups/{id}/members/{userId} */
export const addGroupMemberRoute = createRoute({
  method: 'put',
  path: '/api/v1/groups/{id}/members/{userId}',
  tags: ['groups'],
  security: unlocked,
  summary: 'Add a certified member to a group (manageGroups); their keys follow as queued grants',
  request: { params: memberParams },
  responses: { 200: { description: 'The group.', ...json(groupSchema) }, ...common, 404: errorResponse('No such group or member.') },
});

/** DELETE /api/v1/groups/{id}/members/{userId} */
export const removeGroupMemberRoute = createRoute({
  method: 'delete',
  path: '/api/v1/groups/{id}/members/{userId}',
  tags: ['groups'],
  security: unlocked,
  summary: 'Take a member out of a group (manageGroups); wraps of vaults they can no longer read are deleted',
  request: { params: memberParams },
  responses: { 200: { description: 'The group.', ...json(groupSchema) }, ...common, 404: errorResponse('No such group or member.'), 409: errorResponse('A vault would lose its last administrator.') },
});
