import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer } from './route-parts';

/** Rules one kind of password must meet. */
export const passwordRulesSchema = z
  .object({
    minLength: z.number().int().min(8).max(128),
    requireUppercase: z.boolean(),
    requireDigits: z.boolean(),
    requireSpecial: z.boolean(),
  })
  .openapi('PasswordRules');
export type PasswordRules = z.infer<typeof passwordRulesSchema>;

/** The organisation's password policy: the server enforces the login password's, clients the master password's. */
export const passwordPolicySchema = z
  .object({
    loginPassword: passwordRulesSchema,
    masterPassword: passwordRulesSchema,
  })
  .openapi('PasswordPolicy');
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** Settings every client reads before sign-up and login. */
export const appSettingsSchema = z
  .object({
    passwordPolicy: passwordPolicySchema,
    /** Whether an owner has set the server up (clients show registration or login). */
    initialized: z.boolean(),
  })
  .openapi('AppSettings');
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** GET /api/v1/app/settings */
export const getAppSettingsRoute = createRoute({
  method: 'get',
  path: '/api/v1/app/settings',
  tags: ['app'],
  summary: 'Public settings: password policy and whether the server is set up',
  responses: {
    200: { description: 'The settings.', content: { 'application/json': { schema: appSettingsSchema } } },
    500: errorResponse('Unexpected failure.'),
  },
});

/** PUT /api/v1/app/settings/password-policy (administrators) */
export const updatePasswordPolicyRoute = createRoute({
  method: 'put',
  path: '/api/v1/app/settings/password-policy',
  tags: ['app'],
  security: bearer,
  summary: 'Set the organisation password policy',
  request: { body: { content: { 'application/json': { schema: passwordPolicySchema } }, required: true } },
  responses: {
    200: { description: 'The settings now in force.', content: { 'application/json': { schema: appSettingsSchema } } },
    400: errorResponse('Invalid policy.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Not an administrator.'),
  },
});
