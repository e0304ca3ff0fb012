import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { base64UrlSchema, idSchema } from './schemas';

// Attachments (issue #13 item 2; docs/sharing.md "Attachments", docs/cryptography.md "Attachments"):
// files on an entry, encrypted by the client in the segmented format under a fresh file key. The
// server stores the encrypted name and type, the file key wrapped by the entry key, and the blob,
// cut as lib/contract/attachment-parts.ts says. Uploading is create → PUT each part in order →
// complete, because browsers stream a request body only over HTTP/2; downloading streams the blob.

/** What a client sends to start an upload. */
export const newAttachmentSchema = z
  .object({
    id: idSchema,
    /** base64url symmetric ciphertext of {"name","type","size"} under the entry key, bound to attachment/<item>/<id>/metadata. */
    metadata: base64UrlSchema(8192),
    /** base64url symmetric ciphertext of the 32-byte file key under the entry key, bound to attachment/<item>/<id>/key. */
    wrappedKey: base64UrlSchema(256),
    /** The exact size of the encrypted blob (encryptedBlobSize of the file's size). */
    encryptedSize: z.number().int().min(69),
  })
  .openapi('NewAttachment');
export type NewAttachment = z.infer<typeof newAttachmentSchema>;

/** An attachment as the server serves it. */
export const attachmentSchema = newAttachmentSchema
  .extend({
    itemId: idSchema,
    /** False until every part arrived and the upload was completed; only complete attachments download. */
    complete: z.boolean(),
    /** The entry revision current when it was added, and when it was removed from the entry (null: still on it). */
    addedRevision: z.number().int().min(1),
    removedRevision: z.number().int().min(1).nullable(),
    createdBy: idSchema,
    createdAt: z.number().int(),
  })
  .openapi('Attachment');
export type Attachment = z.infer<typeof attachmentSchema>;

const itemParams = z.object({ id: idSchema });
const attachmentParams = z.object({ id: idSchema, attachmentId: idSchema });
const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
  404: errorResponse('No such item or attachment.'),
};
const binary = (description: string) => ({ description, content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } });

/** GET /api/v1/items/{id}/attachments */
export const listAttachmentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/attachments',
  tags: ['attachments'],
  security: unlocked,
  summary: 'The files on an entry now, or (with revision) the files it had in that kept revision, or (include=kept) every file stored for it, removed ones kept for revisions too',
  request: { params: itemParams, query: z.object({ revision: z.coerce.number().int().min(1).optional(), include: z.enum(['kept']).optional() }) },
  responses: { 200: { description: 'The attachments, oldest first.', ...json(z.object({ attachments: z.array(attachmentSchema) })) }, ...common },
});

/** POST /api/v1/items/{id}/attachments */
export const createAttachmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/attachments',
  tags: ['attachments'],
  security: unlocked,
  summary: 'Start uploading a file to an entry the caller may edit; the declared size is checked against the limit',
  request: { params: itemParams, body: { ...json(newAttachmentSchema), required: true } },
  responses: {
    201: { description: 'Created, waiting for its parts.', ...json(attachmentSchema) },
    ...common,
    409: errorResponse('The id is taken, or the entry is in the trash.'),
    413: errorResponse('attachmentTooLarge: over the server limit.'),
  },
});

/** PUT /api/v1/items/{id}/attachments/{attachmentId}/parts/{part} */
export const putAttachmentPartRoute = createRoute({
  method: 'put',
  path: '/api/v1/items/{id}/attachments/{attachmentId}/parts/{part}',
  tags: ['attachments'],
  security: unlocked,
  summary: 'Store one part of the encrypted blob; parts go in order, and sending a stored part again replaces it (retries)',
  request: {
    params: attachmentParams.extend({ part: z.coerce.number().int().min(0).max(100_000) }),
    body: { ...binary('The part: exactly the bytes lib/contract/attachment-parts.ts assigns to it.'), required: true },
  },
  responses: { 204: { description: 'Stored.' }, ...common, 409: errorResponse('A part is missing before this one, or the upload is complete.') },
});

/** POST /api/v1/items/{id}/attachments/{attachmentId}/complete */
export const completeAttachmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/attachments/{attachmentId}/complete',
  tags: ['attachments'],
  security: unlocked,
  summary: 'Finish an upload once every part is stored',
  request: { params: attachmentParams },
  responses: { 200: { description: 'Complete.', ...json(attachmentSchema) }, ...common, 409: errorResponse('Parts are missing.') },
});

/** GET /api/v1/items/{id}/attachments/{attachmentId} */
export const downloadAttachmentRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/attachments/{attachmentId}',
  tags: ['attachments'],
  security: unlocked,
  summary: 'The encrypted blob, streamed (verify and decrypt it with the segmented format before use)',
  request: { params: attachmentParams },
  responses: { 200: binary('The encrypted blob.'), ...common, 409: errorResponse('The upload is not complete.') },
});

/** DELETE /api/v1/items/{id}/attachments/{attachmentId} */
export const deleteAttachmentRoute = createRoute({
  method: 'delete',
  path: '/api/v1/items/{id}/attachments/{attachmentId}',
  tags: ['attachments'],
  security: unlocked,
  summary: 'Remove a file from the entry; kept revisions that had it keep it until the entry is purged',
  request: { params: attachmentParams },
  responses: { 204: { description: 'Removed.' }, ...common },
});
