import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';
import { base64UrlSchema, certificateSchema, idSchema, keyWrapSchema, loginSchema, masterKeyHeadersSchema, newAccountSchema, publicKeyRecordSchema } from './schemas';

/** An invitation as administrators see it. */
export const invitationSchema = z
  .object({
    id: idSchema,
    role: z.enum(['administrator', 'member']),
    createdBy: idSchema,
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    /** The invitation secret, encrypted by the inviting client under the organisation KEK. */
    encryptedSecret: base64UrlSchema(512),
    /** Set once the newcomer has registered: who, and their MAC over their public keys. */
    acceptedBy: idSchema.nullable(),
  })
  .openapi('Invitation');

/** POST /api/v1/invitations (administrators) */
export const createInvitationRoute = createRoute({
  method: 'post',
  path: '/api/v1/invitations',
  tags: ['invitations'],
  security: bearer,
  summary: 'Create an invitation; the link’s fragment (organisation fingerprint, secret) never reaches the server',
  request: {
    headers: masterKeyHeadersSchema,
    body: { ...json(z.object({ id: idSchema, role: z.enum(['administrator', 'member']), encryptedSecret: base64UrlSchema(512), expiresInHours: z.number().int().min(1).max(24 * 30).default(72) })), required: true },
  },
  responses: { 201: { description: 'Created.', ...json(invitationSchema) }, 400: errorResponse('Invalid.'), 401: errorResponse('Not signed in.'), 403: errorResponse('Not an administrator, or wrong master key hash.'), 409: errorResponse('The id is taken.') },
});

/** GET /api/v1/invitations (administrators) */
export const listInvitationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/invitations',
  tags: ['invitations'],
  security: bearer,
  summary: 'Open invitations and those waiting for a certificate',
  responses: { 200: { description: 'Invitations.', ...json(z.object({ invitations: z.array(invitationSchema) })) }, 401: errorResponse('Not signed in.'), 403: errorResponse('Not an administrator.') },
});

/** What a newcomer's client needs before registering. */
export const invitationInfoSchema = z
  .object({ id: idSchema, role: z.enum(['administrator', 'member']), organisationId: idSchema, organisationName: z.string(), organisationKey: publicKeyRecordSchema, expiresAt: z.number().int() })
  .openapi('InvitationInfo');

/** GET /api/v1/invitations/{id}/info (public: the newcomer checks the key against the link's fingerprint) */
export const invitationInfoRoute = createRoute({
  method: 'get',
  path: '/api/v1/invitations/{id}/info',
  tags: ['invitations'],
  summary: 'The organisation an open invitation belongs to',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: { description: 'The invitation.', ...json(invitationInfoSchema) }, 404: errorResponse('No such open invitation.') },
});

/** POST /api/v1/invitations/{id}/accept (public: the newcomer registers) */
export const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/api/v1/invitations/{id}/accept',
  tags: ['invitations'],
  summary: 'Register with an invitation; an administrator’s client then certifies the keys',
  request: {
    params: z.object({ id: idSchema }),
    body: {
      ...json(
        newAccountSchema.extend({
          userId: idSchema,
          /** HMAC under the invitation secret over the login and public keys (lib/crypto/invitation.ts). */
          keysMac: base64UrlSchema(64),
        }),
      ),
      required: true,
    },
  },
  responses: { 201: { description: 'Registered; waiting for a certificate.', ...json(z.object({ userId: idSchema })) }, 400: errorResponse('Invalid or weak password.'), 404: errorResponse('No such open invitation.'), 409: errorResponse('Login or id taken.') },
});

/** A registered newcomer waiting to be certified. */
export const pendingMemberSchema = z
  .object({ invitationId: idSchema, encryptedSecret: base64UrlSchema(512), userId: idSchema, login: loginSchema, role: z.enum(['administrator', 'member']), encryptionKey: publicKeyRecordSchema, signingKey: publicKeyRecordSchema, keysMac: base64UrlSchema(64) })
  .openapi('PendingMember');

/** GET /api/v1/users/pending (administrators) */
export const pendingMembersRoute = createRoute({
  method: 'get',
  path: '/api/v1/users/pending',
  tags: ['users'],
  security: bearer,
  summary: 'Newcomers whose keys wait for a certificate, with what the administrator’s client needs to check them',
  responses: { 200: { description: 'Pending members.', ...json(z.object({ members: z.array(pendingMemberSchema) })) }, 401: errorResponse('Not signed in.'), 403: errorResponse('Not an administrator.') },
});

/** PUT /api/v1/users/{id}/certificate (administrators) */
export const certifyMemberRoute = createRoute({
  method: 'put',
  path: '/api/v1/users/{id}/certificate',
  tags: ['users'],
  security: bearer,
  summary:
    'Store the certificate an administrator’s client issued; activates the member. An administrator certificate comes with organisationKeyWrap, the organisation KEK wrapped to the newcomer’s certified key and signed by the caller; a member certificate comes without',
  request: { params: z.object({ id: idSchema }), headers: masterKeyHeadersSchema, body: { ...json(z.object({ certificate: certificateSchema, organisationKeyWrap: keyWrapSchema.optional() })), required: true } },
  responses: { 204: { description: 'Certified.' }, 400: errorResponse('Certificate does not verify or names other keys; the organisation key wrap is missing, unexpected, misaddressed or not signed by the caller.'), 401: errorResponse('Not signed in.'), 403: errorResponse('Not an administrator.'), 404: errorResponse('No such pending member.') },
});

/** GET /api/v1/organisation/keys (administrators): what opens the organisation signing key. */
export const organisationKeysRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisation/keys',
  tags: ['organisation'],
  security: bearer,
  summary: 'The organisation key, its encrypted private half, and your wrap of its KEK',
  request: { headers: masterKeyHeadersSchema },
  responses: {
    200: { description: 'The keys.', ...json(z.object({ organisationId: idSchema, signingKey: publicKeyRecordSchema, encryptedPrivateKey: base64UrlSchema(8192), keyWrap: keyWrapSchema })) },
    401: errorResponse('Not signed in.'),
    403: errorResponse('Not an administrator, or wrong master key hash.'),
  },
});
