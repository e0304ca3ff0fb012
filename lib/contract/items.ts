import { createRoute, z } from '@hono/zod-openapi';
import { MAX_BULK_ITEMS } from './bulk-limit';
import { errorResponse } from './errors';
import { FIELD_TYPES, URL_MATCHES } from './item-kinds';
import { json, unlocked } from './route-parts';
import { base64UrlSchema, idSchema } from './schemas';

// Items: clear metadata for search and autofill (covered by a MAC under the entry key), encrypted
// fields bound to their vault, item and field, and the entry key wrapped by the vault key. The
// server stores what the client sends and seals the encrypted parts again; it cannot check the MAC.

export { FIELD_TYPES, MAX_BULK_ITEMS, URL_MATCHES };

const urlSchema = z.object({ url: z.string().min(1).max(2048), match: z.enum(URL_MATCHES) });
// Values the metadata MAC covers are never transformed here (a trimmed tag would no longer verify):
// padded text is refused instead.
const trimmed = (text: string) => text === text.trim();
const tagSchema = z.string().min(1).max(64).refine(trimmed, 'without leading or trailing spaces');
/** A named colour or #rrggbb. */
export const colourSchema = z.string().regex(/^([a-z]{1,16}|#[0-9a-f]{6})$/, 'a colour name or #rrggbb');
/** The id of a field within its item. */
export const fieldIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a field id of letters, digits, "-" or "_"');
const sealedFieldSchema = z.object({
  id: fieldIdSchema,
  type: z.enum(FIELD_TYPES),
  label: z.string().max(200),
  /** base64url of the symmetric ciphertext (docs/cryptography.md), bound to item/<vault>/<item>/<revision>/<field>. */
  value: base64UrlSchema(200_000),
});

/** What a client writes: the item as lib/vault/item.ts seals it, plus where it is filed. */
export const sealedItemSchema = z
  .object({
    id: idSchema,
    vaultId: idSchema,
    folderId: idSchema.nullable(),
    revision: z.number().int().min(1),
    name: z.string().min(1).max(500).refine((name) => trimmed(name) && name !== '', 'not blank, without leading or trailing spaces'),
    login: z.string().max(500),
    urls: z.array(urlSchema).max(32),
    tags: z.array(tagSchema).max(32),
    colour: colourSchema.nullable(),
    description: z.string().max(10_000),
    favourite: z.boolean(),
    fields: z.array(sealedFieldSchema).max(64),
    metadataMac: base64UrlSchema(64),
    entryKey: z.object({ vaultKeyVersion: z.number().int().min(1), wrapped: base64UrlSchema(256) }),
  })
  .openapi('SealedItem');
export type SealedItem = z.infer<typeof sealedItemSchema>;

/** An item as the server serves it. */
export const itemSchema = sealedItemSchema
  .extend({
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    updatedBy: idSchema,
    /** Set while the item is in the trash. */
    deletedAt: z.number().int().nullable(),
  })
  .openapi('Item');
export type Item = z.infer<typeof itemSchema>;

const idParams = z.object({ id: idSchema });
const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
  404: errorResponse('No such item, vault or folder.'),
};

/** POST /api/v1/items */
export const createItemRoute = createRoute({
  method: 'post',
  path: '/api/v1/items',
  tags: ['items'],
  security: unlocked,
  summary: 'Create an item (revision 1) in a vault the caller may edit',
  request: { body: { ...json(sealedItemSchema), required: true } },
  responses: { 201: { description: 'Created.', ...json(itemSchema) }, ...common, 409: errorResponse('The id is taken, or the vault key version is not current.') },
});

/** POST /api/v1/vaults/{vaultId}/items/bulk */
export const bulkCreateItemsRoute = createRoute({
  method: 'post',
  path: '/api/v1/vaults/{vaultId}/items/bulk',
  tags: ['items'],
  security: unlocked,
  summary: `Create up to ${MAX_BULK_ITEMS} items (revision 1) in one vault at once, all or none: what an import sends`,
  request: {
    params: z.object({ vaultId: idSchema }),
    body: { ...json(z.object({ items: z.array(sealedItemSchema).min(1).max(MAX_BULK_ITEMS) })), required: true },
  },
  responses: {
    201: { description: 'Created, in the order sent.', ...json(z.object({ ids: z.array(idSchema) })) },
    ...common,
    409: errorResponse('An id is taken, or the vault key version is not current.'),
  },
});

/** GET /api/v1/items/search */
export const searchItemsRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/search',
  tags: ['items'],
  security: unlocked,
  summary: 'Search the clear metadata (name, login, URLs, description, tags) of the items the caller may read',
  request: {
    query: z.object({
      query: z.string().max(200).optional(),
      /** Comma-separated; an item must carry every tag named. */
      tags: z.string().max(1000).optional(),
      vaultId: idSchema.optional(),
      folderId: idSchema.optional(),
      trash: z.enum(['exclude', 'include', 'only']).default('exclude'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: { description: 'Matching items, by name.', ...json(z.object({ items: z.array(itemSchema) })) }, ...common },
});

/** GET /api/v1/items/{id} */
export const getItemRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}',
  tags: ['items'],
  security: unlocked,
  summary: 'One item (verify its metadata MAC and entry-key wrap before use)',
  request: { params: idParams },
  responses: { 200: { description: 'The item.', ...json(itemSchema) }, ...common },
});

/** PUT /api/v1/items/{id} */
export const updateItemRoute = createRoute({
  method: 'put',
  path: '/api/v1/items/{id}',
  tags: ['items'],
  security: unlocked,
  summary: 'Store the next revision of an item; the previous one is kept as a snapshot',
  request: { params: idParams, body: { ...json(sealedItemSchema), required: true } },
  responses: { 200: { description: 'Updated.', ...json(itemSchema) }, ...common, 409: errorResponse('Not the next revision (someone else saved first), or the vault key version is not current.') },
});

/** POST /api/v1/items/{id}/move */
export const moveItemRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/move',
  tags: ['items'],
  security: unlocked,
  summary: 'Move an item to another vault: the client re-wraps its entry key and re-binds its fields',
  request: { params: idParams, body: { ...json(sealedItemSchema), required: true } },
  responses: { 200: { description: 'Moved.', ...json(itemSchema) }, ...common, 409: errorResponse('Not the next revision, or the target vault key version is not current.') },
});

/** DELETE /api/v1/items/{id} */
export const trashItemRoute = createRoute({
  method: 'delete',
  path: '/api/v1/items/{id}',
  tags: ['items'],
  security: unlocked,
  summary: 'Move an item to the trash',
  request: { params: idParams },
  responses: { 200: { description: 'In the trash.', ...json(itemSchema) }, ...common },
});

/** POST /api/v1/items/{id}/restore */
export const restoreItemRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/restore',
  tags: ['items'],
  security: unlocked,
  summary: 'Take an item out of the trash (back to its folder, or the vault root if that folder is gone)',
  request: { params: idParams },
  responses: { 200: { description: 'Restored.', ...json(itemSchema) }, ...common, 409: errorResponse('Not in the trash.') },
});

/** POST /api/v1/items/{id}/purge */
export const purgeItemRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/purge',
  tags: ['items'],
  security: unlocked,
  summary: 'Delete an item in the trash for good, with its snapshots',
  request: { params: idParams },
  responses: { 204: { description: 'Purged.' }, ...common, 409: errorResponse('Not in the trash.') },
});

/** What a client did with one of an item's fields: showed it, copied it or filled it into a page. */
/** An attachment's file key and metadata encrypted again under the entry's new key (same contexts as at upload). */
export const rewrappedAttachmentSchema = z
  .object({ id: idSchema, metadata: base64UrlSchema(8192), wrappedKey: base64UrlSchema(256) })
  .openapi('RewrappedAttachment');
export type RewrappedAttachment = z.infer<typeof rewrappedAttachmentSchema>;

/** A re-key: the next revision, and every file the server stores for the entry re-wrapped under its new entry key. */
export const rekeyItemSchema = sealedItemSchema.extend({ attachments: z.array(rewrappedAttachmentSchema).max(2000).default([]) }).openapi('RekeyItem');
export type RekeyItem = z.infer<typeof rekeyItemSchema>;

/** POST /api/v1/items/{id}/rekey */
export const rekeyItemRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/rekey',
  tags: ['items'],
  security: unlocked,
  summary:
    'After a vault key rotation (vault administrators): the next revision of an item under a fresh entry key wrapped by the current vault key, same vault, folder and trash state; the previous revision is kept',
  request: { params: idParams, body: { ...json(rekeyItemSchema), required: true } },
  responses: {
    200: { description: 'The re-keyed item.', ...json(itemSchema) },
    ...common,
    409: errorResponse('Not the next revision, already under the current key, or not the same place; attachmentsNotRewrapped: the attachments do not name exactly the files stored for the entry.'),
  },
});

/** A kept revision, as listed. */
export const snapshotInfoSchema = z
  .object({ revision: z.number().int().min(1), vaultId: idSchema, createdAt: z.number().int(), createdBy: idSchema })
  .openapi('SnapshotInfo');

/** GET /api/v1/items/{id}/snapshots */
export const listSnapshotsRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/snapshots',
  tags: ['items'],
  security: unlocked,
  summary: 'The earlier revisions of an item, newest first',
  request: { params: idParams },
  responses: { 200: { description: 'Revisions.', ...json(z.object({ snapshots: z.array(snapshotInfoSchema) })) }, ...common },
});

/** GET /api/v1/items/{id}/snapshots/{revision} */
export const getSnapshotRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/snapshots/{revision}',
  tags: ['items'],
  security: unlocked,
  summary: 'One earlier revision, encrypted as it was stored (restore it by saving it as the next revision)',
  request: { params: z.object({ id: idSchema, revision: z.coerce.number().int().min(1) }) },
  responses: { 200: { description: 'The revision.', ...json(z.object({ snapshot: snapshotInfoSchema, item: sealedItemSchema })) }, ...common },
});
