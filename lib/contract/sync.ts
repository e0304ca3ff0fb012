import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { syncedShortcutSchema } from './entry-shares';
import { folderSchema } from './folders';
import { itemSchema } from './items';
import { json, unlocked } from './route-parts';
import { idSchema, keyWrapSchema } from './schemas';
import { accessLevelSchema, memberCertificateSchema, vaultSchema } from './vaults';

// Sync: everything visible to the caller that changed after a cursor. Clients apply `removed`
// first, then upsert the rest, then keep `cursor` for next time (docs/api.md, "Sync").

/** An opaque cursor; only ever a value a previous sync returned. */
export const cursorSchema = z.string().regex(/^c1\.\d{1,15}$/, 'a cursor returned by an earlier sync');

/** Someone who may open a vault but holds no wrap of its current key yet: a client that may share fulfils it. */
export const pendingGrantSchema = z.object({ vaultId: idSchema, userId: idSchema, keyVersion: z.number().int().min(1), level: accessLevelSchema }).openapi('PendingGrant');

export const syncResponseSchema = z
  .object({
    cursor: cursorSchema,
    /** True when this is everything (no cursor given): the client replaces its cache. */
    full: z.boolean(),
    vaults: z.array(vaultSchema),
    /** The caller's own wraps of vault keys. */
    wraps: z.array(keyWrapSchema),
    /** Certificates of the granters of those wraps and of the members awaiting a grant. */
    certificates: z.array(memberCertificateSchema),
    /**
     * Certificates an account recovery replaced, of the same users: a wrap signed with the old
     * keys before the recovery verifies against one of them (never a recipient's certificate).
     */
    retiredCertificates: z.array(memberCertificateSchema).optional(),
    folders: z.array(folderSchema),
    items: z.array(itemSchema),
    removed: z.object({ vaults: z.array(idSchema), folders: z.array(idSchema), items: z.array(idSchema), shortcuts: z.array(idSchema).optional() }),
    pendingGrants: z.array(pendingGrantSchema),
    /**
     * Shortcuts placed where the caller may read entries, each with the entry it opens as it is now
     * (docs/access-control.md, "Sharing one entry"): in a delta, those placed or whose entry changed.
     */
    shortcuts: z.array(syncedShortcutSchema).optional(),
  })
  .openapi('SyncResponse');
export type SyncResponse = z.infer<typeof syncResponseSchema>;

/** GET /api/v1/sync?cursor= */
export const syncRoute = createRoute({
  method: 'get',
  path: '/api/v1/sync',
  tags: ['sync'],
  security: unlocked,
  summary: 'Everything visible to the caller that changed since the cursor (everything, without one)',
  request: { query: z.object({ cursor: cursorSchema.optional() }) },
  responses: {
    200: { description: 'Changes and the next cursor.', ...json(syncResponseSchema) },
    400: errorResponse('Invalid cursor.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Wrong master key hash.'),
  },
});
