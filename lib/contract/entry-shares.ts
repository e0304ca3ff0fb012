import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { itemSchema } from './items';
import { json, unlocked } from './route-parts';
import { base64UrlSchema, certificateSchema, idSchema } from './schemas';

// Sharing one entry (issue #10 item 2; docs/access-control.md, "Sharing one entry"). A shortcut
// places an entry in a folder of another vault: its entry key wrapped by that vault's current key,
// which only a holder of that key can make or open. An inbox share hands it to one member: its
// entry key wrapped to their certified key and signed by the sender (lib/crypto/wraps.ts, kind
// `entry`). Both follow the entry as it changes; the server stores and serves the wraps only.

/** A shortcut as its placer sends it. */
export const newShortcutSchema = z
  .object({
    id: idSchema,
    /** Where it goes: a vault other than the entry's, and a folder there (null: the root). */
    vaultId: idSchema,
    folderId: idSchema.nullable(),
    /** The target vault's current key version, which wraps the entry key. */
    keyVersion: z.number().int().min(1),
    /** base64url symmetric ciphertext of the entry key, bound to shortcut/<vault>/<shortcut>/<item>/<version>. */
    wrapped: base64UrlSchema(256),
    /** A shortcut to this entry at the same place that this one replaces (shared again after the entry's key changed). */
    replaces: idSchema.optional(),
  })
  .openapi('NewShortcut');

/** A shortcut as the server serves it. */
export const shortcutSchema = newShortcutSchema
  .omit({ replaces: true })
  .extend({ itemId: idSchema, createdBy: idSchema, createdAt: z.number().int() })
  .openapi('Shortcut');
export type Shortcut = z.infer<typeof shortcutSchema>;

/** A shortcut with the entry it opens, as sync serves it to those who may read its folder. */
export const syncedShortcutSchema = shortcutSchema.extend({ item: itemSchema }).openapi('SyncedShortcut');
export type SyncedShortcut = z.infer<typeof syncedShortcutSchema>;

/** The entry key wrapped to the recipient: a KeyWrap of kind `entry` whose subject is the item. */
export const entryWrapSchema = z
  .object({
    version: z.literal(1),
    kind: z.literal('entry'),
    subjectId: idSchema,
    recipientId: idSchema,
    /** Always 1: an entry key has no versions; a fresh one is a new entry key to send again. */
    keyVersion: z.number().int().min(1).max(1),
    granterId: idSchema,
    wrappedKey: base64UrlSchema(1024),
    signature: base64UrlSchema(128),
  })
  .openapi('EntryWrap');

/** What the sender sends. */
export const newInboxShareSchema = z.object({ id: idSchema, recipientId: idSchema, wrap: entryWrapSchema }).openapi('NewInboxShare');

/** An inbox share as listed on an entry (for its sender and those who may share it). */
export const inboxShareSchema = z
  .object({ id: idSchema, itemId: idSchema, recipientId: idSchema, recipientLogin: z.string(), senderId: idSchema, createdAt: z.number().int() })
  .openapi('InboxShare');
export type InboxShare = z.infer<typeof inboxShareSchema>;

/** An inbox share as its recipient gets it: the wrap, the sender's certificate and the entry as it is now. */
export const receivedShareSchema = z
  .object({
    id: idSchema,
    itemId: idSchema,
    senderId: idSchema,
    senderLogin: z.string(),
    /** Verify against the pinned organisation key, then the wrap's signature, before opening. */
    senderCertificate: certificateSchema,
    createdAt: z.number().int(),
    wrap: entryWrapSchema,
    item: itemSchema,
  })
  .openapi('ReceivedShare');
export type ReceivedShare = z.infer<typeof receivedShareSchema>;

const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
  404: errorResponse('No such item, vault, folder, member or share.'),
};
const idParams = z.object({ id: idSchema });

/** GET /api/v1/items/{id}/shares */
export const listEntrySharesRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/shares',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'The shortcuts and inbox shares of an entry (who may share it: full access where it is)',
  request: { params: idParams },
  responses: { 200: { description: 'Its shares.', ...json(z.object({ shortcuts: z.array(shortcutSchema), inbox: z.array(inboxShareSchema) })) }, ...common },
});

/** POST /api/v1/items/{id}/shortcuts */
export const createShortcutRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/shortcuts',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'Place a shortcut to an entry in a folder of another vault (full access where the entry is, edit where it goes)',
  request: { params: idParams, body: { ...json(newShortcutSchema), required: true } },
  responses: { 201: { description: 'Placed.', ...json(shortcutSchema) }, ...common, 409: errorResponse('The id is taken, the key version is not current, or a shortcut is there already.') },
});

/** DELETE /api/v1/shortcuts/{id} */
export const deleteShortcutRoute = createRoute({
  method: 'delete',
  path: '/api/v1/shortcuts/{id}',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'Remove a shortcut (edit where it is placed, or its placer)',
  request: { params: idParams },
  responses: { 204: { description: 'Removed.' }, ...common },
});

/** POST /api/v1/items/{id}/inbox */
export const sendToInboxRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/inbox',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'Send an entry to one member’s inbox, its key wrapped to their certified key and signed (full access where it is)',
  request: { params: idParams, body: { ...json(newInboxShareSchema), required: true } },
  responses: { 201: { description: 'Sent.', ...json(inboxShareSchema) }, ...common, 409: errorResponse('The id is taken.') },
});

/** GET /api/v1/inbox */
export const listInboxRoute = createRoute({
  method: 'get',
  path: '/api/v1/inbox',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'Entries sent to the caller, as they are now (entries in the trash are left out)',
  responses: { 200: { description: 'The inbox.', ...json(z.object({ shares: z.array(receivedShareSchema) })) }, ...common },
});

/** DELETE /api/v1/inbox/{id} */
export const deleteInboxShareRoute = createRoute({
  method: 'delete',
  path: '/api/v1/inbox/{id}',
  tags: ['entry shares'],
  security: unlocked,
  summary: 'Dismiss (the recipient) or revoke (the sender, or whoever manages access where the entry is) an inbox share',
  request: { params: idParams },
  responses: { 204: { description: 'Removed.' }, ...common },
});
