import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { base64UrlSchema, certificateSchema, idSchema, keyWrapSchema, newAccountSchema, publicKeyRecordSchema } from './schemas';

/** The owner's first registration: creates the organisation and its first administrator. */
export const setupRequestSchema = z
  .object({
    setupToken: z.string().min(1).max(256),
    organisation: z.object({
      id: idSchema,
      name: z.string().trim().min(1).max(200),
      signingKey: publicKeyRecordSchema,
      /** The organisation private key, encrypted by the client under the organisation KEK. */
      encryptedPrivateKey: base64UrlSchema(8192),
    }),
    owner: newAccountSchema.extend({ id: idSchema, certificate: certificateSchema }),
    /** The organisation KEK wrapped to the owner, signed by the owner. */
    organisationKeyWrap: keyWrapSchema,
  })
  .openapi('SetupRequest');
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** POST /api/v1/app/setup */
export const setupRoute = createRoute({
  method: 'post',
  path: '/api/v1/app/setup',
  tags: ['app'],
  summary: 'Create the organisation and its owner with the one-time setup token',
  request: { body: { content: { 'application/json': { schema: setupRequestSchema } }, required: true } },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: z.object({ organisationId: idSchema, userId: idSchema }) } } },
    400: errorResponse('Invalid request, weak login password, or keys and certificate that do not belong together.'),
    403: errorResponse('Wrong or used setup token.'),
    409: errorResponse('The server is already set up.'),
  },
});
