import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer } from './route-parts';
import { idSchema, loginSchema, passwordSchema } from './schemas';

/** Tokens a login or a refresh returns; both are opaque and stored by the server only as hashes. */
export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    accessTokenExpiredAt: z.number().int(),
    refreshTokenExpiredAt: z.number().int(),
  })
  .openapi('TokenPair');
export type TokenPair = z.infer<typeof tokenPairSchema>;

/**
 * What a login returns: the pair, and `mfaEnrolmentRequired: true` when the organisation requires a
 * second factor and the account has none — the session then only enrols one (POST /users/me/mfa/totp
 * and …/confirm; GET /users/me and signing out work too) and every other route answers 403
 * `mfaEnrolmentRequired` until the factor is confirmed.
 */
export const loginResultSchema = tokenPairSchema.extend({ mfaEnrolmentRequired: z.boolean().optional() }).openapi('LoginResult');
export type LoginResult = z.infer<typeof loginResultSchema>;

/** POST /api/v1/sessions (login) */
export const loginRoute = createRoute({
  method: 'post',
  path: '/api/v1/sessions',
  tags: ['sessions'],
  summary: 'Sign in with the login password',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            login: loginSchema,
            password: passwordSchema,
            /** When the second factor is on: the current code, or else a recovery code. */
            totp: z.string().regex(/^\d{6}$/).optional(),
            recoveryCode: z.string().max(32).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: { description: 'Signed in; with `mfaEnrolmentRequired` the session only enrols a second factor.', content: { 'application/json': { schema: loginResultSchema } } },
    400: errorResponse('Invalid request.'),
    401: errorResponse('Wrong login or password (`invalidCredentials`); a code is needed (`mfaRequired`) or was wrong (`mfaInvalid`).'),
    403: errorResponse('Right password, but an administrator suspended the account (`accountSuspended`).'),
    429: errorResponse('Too many failed attempts; wait (see Retry-After).'),
  },
});

/** POST /api/v1/sessions/refresh */
export const refreshRoute = createRoute({
  method: 'post',
  path: '/api/v1/sessions/refresh',
  tags: ['sessions'],
  summary: 'Rotate the token pair (a spent refresh token used again revokes the session)',
  request: { body: { content: { 'application/json': { schema: z.object({ refreshToken: z.string().min(1).max(256) }) } }, required: true } },
  responses: {
    200: { description: 'A new pair.', content: { 'application/json': { schema: tokenPairSchema } } },
    400: errorResponse('Invalid request.'),
    401: errorResponse('Unknown, expired, revoked or reused refresh token.'),
  },
});

/** One of the user's sessions, for the sessions list. */
export const sessionInfoSchema = z
  .object({
    id: idSchema,
    current: z.boolean(),
    browserMode: z.boolean(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int(),
  })
  .openapi('SessionInfo');

/** GET /api/v1/sessions */
export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/sessions',
  tags: ['sessions'],
  security: bearer,
  summary: 'The signed-in user’s active sessions',
  responses: { 200: { description: 'Sessions.', content: { 'application/json': { schema: z.object({ sessions: z.array(sessionInfoSchema) }) } } }, 401: errorResponse('Not signed in.') },
});

/** DELETE /api/v1/sessions/{id} ("current" for this one: logout) */
export const revokeSessionRoute = createRoute({
  method: 'delete',
  path: '/api/v1/sessions/{id}',
  tags: ['sessions'],
  security: bearer,
  summary: 'Revoke one of your sessions; `current` signs out',
  request: { params: z.object({ id: z.union([z.literal('current'), idSchema]) }) },
  responses: { 204: { description: 'Revoked.' }, 401: errorResponse('Not signed in.'), 404: errorResponse('No such session of yours.') },
});
