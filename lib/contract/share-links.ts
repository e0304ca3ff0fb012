import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { base64UrlSchema, idSchema } from './schemas';

// Share links (issue #13 item 1; docs/sharing.md, docs/cryptography.md "Link keys"). The sharer's
// client encrypts the entry's data under the key in the link's fragment and sends it with the
// link's access token; the server keeps the ciphertext (sealed) and the token's SHA-256, and hands
// the ciphertext to whoever presents the token, counting the view atomically.

const HOUR_SECONDS = 3600;
/** The longest a link may live, in seconds (30 days); `null` means no expiry. */
export const MAX_LINK_LIFETIME_SECONDS = 30 * 24 * HOUR_SECONDS;
/** The shortest expiry a sharer may choose, in seconds. */
export const MIN_LINK_LIFETIME_SECONDS = HOUR_SECONDS;
/** The most views a link may allow; `null` means no limit. */
export const MAX_LINK_VIEWS = 1000;
/** The longest ciphertext a link may hold (base64url characters). */
export const MAX_LINK_CIPHERTEXT = 256 * 1024;

/** A base64url access token: 32 bytes, 43 characters. */
export const linkAccessTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '43 base64url characters');

/** What the sharer sends. A single-use link is `maxViews: 1`. */
export const newShareLinkSchema = z
  .object({
    id: idSchema,
    accessToken: linkAccessTokenSchema,
    /** base64url symmetric ciphertext of the shared data under the link's key, context link/<id>/entry. */
    ciphertext: base64UrlSchema(MAX_LINK_CIPHERTEXT),
    expiresInSeconds: z.number().int().min(MIN_LINK_LIFETIME_SECONDS).max(MAX_LINK_LIFETIME_SECONDS).nullable(),
    maxViews: z.number().int().min(1).max(MAX_LINK_VIEWS).nullable(),
  })
  .openapi('NewShareLink');

/** Why a link opens no more, or `active`. */
export const linkStateSchema = z.enum(['active', 'expired', 'usedUp', 'revoked']);
export type LinkState = z.infer<typeof linkStateSchema>;

/** A link as its sharer sees it: never its token or data. */
export const shareLinkSchema = z
  .object({
    id: idSchema,
    itemId: idSchema,
    vaultId: idSchema,
    createdBy: idSchema,
    createdAt: z.number().int(),
    expiresAt: z.number().int().nullable(),
    maxViews: z.number().int().nullable(),
    views: z.number().int(),
    /** Views left; null without a limit. */
    viewsLeft: z.number().int().nullable(),
    lastViewedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
    state: linkStateSchema,
  })
  .openapi('ShareLink');
export type ShareLink = z.infer<typeof shareLinkSchema>;

/** What a reveal returns: the ciphertext, and how many views are left after this one. */
export const revealedLinkSchema = z
  .object({ ciphertext: base64UrlSchema(MAX_LINK_CIPHERTEXT), viewsLeft: z.number().int().nullable(), expiresAt: z.number().int().nullable() })
  .openapi('RevealedLink');
export type RevealedLink = z.infer<typeof revealedLinkSchema>;

const common = {
  400: errorResponse('Invalid.'),
  401: errorResponse('Not signed in.'),
  403: errorResponse('No access, or wrong master key hash.'),
  404: errorResponse('No such item or link.'),
};
const idParams = z.object({ id: idSchema });
const linkList = json(z.object({ links: z.array(shareLinkSchema) }));

/** POST /api/v1/items/{id}/links */
export const createShareLinkRoute = createRoute({
  method: 'post',
  path: '/api/v1/items/{id}/links',
  tags: ['share links'],
  security: unlocked,
  summary: 'Create a share link for an entry (full access where it is)',
  request: { params: idParams, body: { ...json(newShareLinkSchema), required: true } },
  responses: { 201: { description: 'Created.', ...json(shareLinkSchema) }, ...common, 409: errorResponse('The id is taken, or the entry is in the trash.') },
});

/** GET /api/v1/items/{id}/links */
export const listEntryLinksRoute = createRoute({
  method: 'get',
  path: '/api/v1/items/{id}/links',
  tags: ['share links'],
  security: unlocked,
  summary: 'The share links of an entry, newest first (full access where it is)',
  request: { params: idParams },
  responses: { 200: { description: 'Its links.', ...linkList }, ...common },
});

/** GET /api/v1/links */
export const listOwnLinksRoute = createRoute({
  method: 'get',
  path: '/api/v1/links',
  tags: ['share links'],
  security: unlocked,
  summary: 'The share links the caller created, newest first',
  responses: { 200: { description: 'Their links.', ...linkList }, ...common },
});

/** DELETE /api/v1/links/{id} */
export const revokeShareLinkRoute = createRoute({
  method: 'delete',
  path: '/api/v1/links/{id}',
  tags: ['share links'],
  security: unlocked,
  summary: 'Revoke a share link (its creator, or full access where the entry is); it stays listed as revoked',
  request: { params: idParams },
  responses: { 204: { description: 'Revoked (or was already).' }, ...common },
});

/** POST /api/v1/links/{id}/reveal */
export const revealShareLinkRoute = createRoute({
  method: 'post',
  path: '/api/v1/links/{id}/reveal',
  tags: ['share links'],
  summary: 'Open a share link with its access token (no account); counts one view',
  request: { params: idParams, body: { ...json(z.object({ accessToken: linkAccessTokenSchema })), required: true } },
  responses: {
    200: { description: 'The ciphertext; one view counted.', ...json(revealedLinkSchema) },
    400: errorResponse('Invalid.'),
    404: errorResponse('No such link, or the wrong token (`linkNotFound`: the two are not told apart).'),
    410: errorResponse('The link expired (`linkExpired`), has no views left (`linkUsedUp`) or was revoked (`linkRevoked`).'),
    429: errorResponse('Too many failed reveals from this address.'),
  },
});
