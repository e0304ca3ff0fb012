import { z } from '@hono/zod-openapi';
import { BUILT_IN_ROLES, PERMISSIONS } from './permission-set';
import { idSchema } from './schemas';

export * from './permission-set';

/** One permission of the set (permission-set.ts). */
export const permissionSchema = z.enum(PERMISSIONS);

/** A role id: a built-in one or a custom role's. */
export const roleIdSchema = z.union([z.enum(BUILT_IN_ROLES), idSchema]);
