import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { json, unlocked } from './route-parts';
import { kdfParamsSchema, masterKeyHashSchema, masterKeyHeadersSchema, sealedPrivateKeySchema } from './schemas';

/**
 * A new master key, made on the client: its KDF record (fresh salt), its hash, and the user's same
 * two private keys re-sealed under it. A master-password change and a KDF upgrade send the same thing.
 */
export const masterKeyChangeSchema = z
  .object({
    kdf: kdfParamsSchema,
    masterKeyHash: masterKeyHashSchema,
    encryptionKey: sealedPrivateKeySchema,
    signingKey: sealedPrivateKeySchema,
  })
  .openapi('MasterKeyChange');
export type MasterKeyChange = z.infer<typeof masterKeyChangeSchema>;

/** PUT /api/v1/users/me/master-key: authorised by the current `Passwork-MasterKeyHash`. */
export const changeMasterKeyRoute = createRoute({
  method: 'put',
  path: '/api/v1/users/me/master-key',
  tags: ['users'],
  security: unlocked,
  summary: 'Change the master password or upgrade its KDF: a new KDF record and hash, the same private keys re-sealed',
  request: { headers: masterKeyHeadersSchema, body: { ...json(masterKeyChangeSchema), required: true } },
  responses: {
    204: { description: 'Changed. This session sends the new hash from now on; other sessions must unlock again.' },
    400: errorResponse('Invalid input, a KDF below the floor or the organisation’s target, or keys that are not the user’s (invalidKeys).'),
    401: errorResponse('Not signed in.'),
    403: errorResponse('Missing or wrong current master key hash.'),
  },
});
