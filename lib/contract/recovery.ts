import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { base64UrlSchema, idSchema, loginSchema, masterKeyHeadersSchema, newAccountSchema, publicKeyRecordSchema } from './schemas';

// Account recovery (issue #10, item 6; docs/access-control.md, "Account recovery"): an organisation
// administrator makes a one-time link bound to one account; its user makes new keys with a new
// master password; an administrator certifies them as for a newcomer; keys of what is shared with
// them come back through pending grants. What only their old keys opened is lost.

/** A recovery as the administrator who started it sees it (the link itself is only in their client). */
export const recoverySchema = z
  .object({ id: idSchema, userId: idSchema, login: loginSchema, createdAt: z.number().int(), expiresAt: z.number().int() })
  .openapi('Recovery');

/** POST /api/v1/users/{id}/recovery (organisation administrators) */
export const startRecoveryRoute = createRoute({
  method: 'post',
  path: '/api/v1/users/{id}/recovery',
  tags: ['users'],
  security: bearer,
  summary: 'Start the recovery of an account whose master password is forgotten: a one-time link whose fragment (organisation fingerprint, secret) never reaches the server',
  request: {
    params: z.object({ id: idSchema }),
    headers: masterKeyHeadersSchema,
    body: {
      ...json(
        z.object({
          id: idSchema,
          encryptedSecret: base64UrlSchema(512),
          /** Derived from the link's secret (lib/crypto/invitation.ts): the server keeps a MAC of it and asks for it on accept. */
          acceptToken: base64UrlSchema(64),
          expiresInHours: z.number().int().min(1).max(24 * 7).default(72),
        }),
      ),
      required: true,
    },
  },
  responses: {
    201: { description: 'Started; the account is unchanged until the link is used.', ...json(recoverySchema) },
    400: errorResponse('Invalid.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Not an administrator, wrong master key hash; or the account is yours, the owner’s, or an administrator’s and you are not the owner.'),
    404: errorResponse('No such user.'),
    409: errorResponse('The id is taken, or the account is suspended or has never been certified.'),
  },
});

/** What the recovering client needs before it makes new keys. */
export const recoveryInfoSchema = z
  .object({ id: idSchema, userId: idSchema, login: loginSchema, organisationId: idSchema, organisationName: z.string(), organisationKey: publicKeyRecordSchema, expiresAt: z.number().int() })
  .openapi('RecoveryInfo');

/** GET /api/v1/recoveries/{id}/info (public: the client checks the organisation key against the link's fingerprint) */
export const recoveryInfoRoute = createRoute({
  method: 'get',
  path: '/api/v1/recoveries/{id}/info',
  tags: ['users'],
  summary: 'The account and organisation an open recovery link belongs to',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: { description: 'The recovery.', ...json(recoveryInfoSchema) }, 404: errorResponse('No such open recovery: unknown, used or expired.') },
});

/** POST /api/v1/recoveries/{id}/accept (public: the link's secret MACs the new keys) */
export const acceptRecoveryRoute = createRoute({
  method: 'post',
  path: '/api/v1/recoveries/{id}/accept',
  tags: ['users'],
  summary: 'Replace the account’s keys, master key and login password; every session ends, every key wrap to the old keys and the private vaults only they opened are deleted; an administrator then certifies the new keys',
  request: {
    params: z.object({ id: idSchema }),
    body: {
      ...json(
        newAccountSchema.extend({
          /** HMAC under the link's secret over the login and the new public keys (lib/crypto/invitation.ts, with the recovery id). */
          keysMac: base64UrlSchema(64),
          /** The token the administrator's client derived from the same secret when the recovery started. */
          acceptToken: base64UrlSchema(64),
        }),
      ),
      required: true,
    },
  },
  responses: {
    200: { description: 'Keys replaced; waiting for a certificate.', ...json(z.object({ userId: idSchema, deletedVaults: z.array(idSchema) })) },
    400: errorResponse('Invalid, weak login password, or another login than the account’s.'),
    403: errorResponse('The accept token is not the link’s.'),
    404: errorResponse('No such open recovery: unknown, used or expired.'),
    409: errorResponse('The account was suspended meanwhile.'),
  },
});
