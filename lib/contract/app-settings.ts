import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer } from './route-parts';
import { kdfParamsSchema } from './schemas';

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

/** PUT /api/v1/app/settings/password-policy (managePolicies) */
export const updatePasswordPolicyRoute = createRoute({
  method: 'put',
  path: '/api/v1/app/settings/password-policy',
  tags: ['app'],
  security: bearer,
  summary: 'Set the organisation password policy (managePolicies)',
  request: { body: { content: { 'application/json': { schema: passwordPolicySchema } }, required: true } },
  responses: {
    200: { description: 'The settings now in force.', content: { 'application/json': { schema: appSettingsSchema } } },
    400: errorResponse('Invalid policy.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without managePolicies.'),
  },
});

/**
 * The PBKDF2 iteration count the organisation wants master keys derived with. Bounded like every
 * KDF record: a target clients would refuse could never be met.
 */
export const kdfTargetSchema = z.object({ iterations: kdfParamsSchema.shape.iterations }).openapi('KdfTarget');
export type KdfTarget = z.infer<typeof kdfTargetSchema>;

/** GET /api/v1/app/settings/kdf */
export const getKdfTargetRoute = createRoute({
  method: 'get',
  path: '/api/v1/app/settings/kdf',
  tags: ['app'],
  security: bearer,
  summary: 'The KDF target: weaker master-key records are upgraded at their next unlock',
  responses: {
    200: { description: 'The target in force.', content: { 'application/json': { schema: kdfTargetSchema } } },
    401: errorResponse('Not signed in.'),
  },
});

/** PUT /api/v1/app/settings/kdf (managePolicies) */
export const updateKdfTargetRoute = createRoute({
  method: 'put',
  path: '/api/v1/app/settings/kdf',
  tags: ['app'],
  security: bearer,
  summary: 'Set the KDF target (PBKDF2 iterations, 300,000 to 10,000,000; managePolicies)',
  request: { body: { content: { 'application/json': { schema: kdfTargetSchema } }, required: true } },
  responses: {
    200: { description: 'The target now in force.', content: { 'application/json': { schema: kdfTargetSchema } } },
    400: errorResponse('Outside the bounds clients accept.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without managePolicies.'),
  },
});

/** How long audit events are kept: `days`, or null to keep them forever (the default). */
export const auditRetentionSchema = z.object({ days: z.number().int().min(1).max(36_500).nullable() }).openapi('AuditRetention');
export type AuditRetention = z.infer<typeof auditRetentionSchema>;

/** GET /api/v1/app/settings/audit-retention (manageSecurity or viewAuditLog) */
export const getAuditRetentionRoute = createRoute({
  method: 'get',
  path: '/api/v1/app/settings/audit-retention',
  tags: ['app'],
  security: bearer,
  summary: 'How long audit events are kept (manageSecurity or viewAuditLog)',
  responses: {
    200: { description: 'The period in force; null days: forever.', content: { 'application/json': { schema: auditRetentionSchema } } },
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without manageSecurity or viewAuditLog.'),
  },
});

/** PUT /api/v1/app/settings/audit-retention (manageSecurity) */
export const updateAuditRetentionRoute = createRoute({
  method: 'put',
  path: '/api/v1/app/settings/audit-retention',
  tags: ['app'],
  security: bearer,
  summary: 'Set how long audit events are kept (1 to 36,500 days, or null for forever; manageSecurity). Older events are deleted at the next retention run, the chain stays verifiable',
  request: { body: { content: { 'application/json': { schema: auditRetentionSchema } }, required: true } },
  responses: {
    200: { description: 'The period now in force.', content: { 'application/json': { schema: auditRetentionSchema } } },
    400: errorResponse('Not a number of days from 1 to 36,500, nor null.'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Without manageSecurity.'),
  },
});
