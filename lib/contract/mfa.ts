import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';

const codeSchema = z.string().regex(/^\d{6}$/, 'six digits');

/** POST /api/v1/users/me/mfa/totp: start enrolment. */
export const startTotpRoute = createRoute({
  method: 'post',
  path: '/api/v1/users/me/mfa/totp',
  tags: ['users'],
  security: bearer,
  summary: 'Start turning on the TOTP second factor: a secret to put in an authenticator app (works in a session that must enrol first)',
  responses: { 201: { description: 'Scan the URI, then confirm with a code.', ...json(z.object({ secret: z.string(), uri: z.string() })) }, 401: errorResponse('Not signed in.'), 409: errorResponse('Already on.') },
});

/** POST /api/v1/users/me/mfa/totp/confirm: finish enrolment with a code. */
export const confirmTotpRoute = createRoute({
  method: 'post',
  path: '/api/v1/users/me/mfa/totp/confirm',
  tags: ['users'],
  security: bearer,
  summary: 'Turn the second factor on with a current code; returns one-time recovery codes, shown once. A session that had to enrol is then a full one',
  request: { body: { ...json(z.object({ code: codeSchema })), required: true } },
  responses: { 200: { description: 'On.', ...json(z.object({ recoveryCodes: z.array(z.string()) })) }, 400: errorResponse('Invalid.'), 401: errorResponse('Wrong code, or not signed in.'), 409: errorResponse('No enrolment in progress.') },
});

/** DELETE /api/v1/users/me/mfa: turn the second factor off with a current code. */
export const disableMfaRoute = createRoute({
  method: 'delete',
  path: '/api/v1/users/me/mfa',
  tags: ['users'],
  security: bearer,
  summary: 'Turn the second factor off (needs a current code); refused while the organisation requires one',
  request: { body: { ...json(z.object({ code: codeSchema })), required: true } },
  responses: { 204: { description: 'Off.' }, 400: errorResponse('Invalid.'), 401: errorResponse('Wrong code, or not signed in.'), 409: errorResponse('The organisation requires a second factor.') },
});
