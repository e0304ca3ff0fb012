import { z } from '@hono/zod-openapi';

// Field schemas shared by several routes. Lengths are bounded everywhere: a request can never make
// the server store or hash something unboundedly large.

/** An id chosen by the client (UUIDs and base64url ids both fit). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8–64 letters, digits, "-" or "_"');
/** base64url without padding, at most `max` characters. */
export const base64UrlSchema = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'base64url without padding');
/**
 * A login: what people sign in with (usually an email address), already trimmed and lowercase.
 * Not transformed here: logins are inside signed certificates, and a transform would break them.
 */
export const loginSchema = z
  .string()
  .min(1)
  .max(254)
  .refine((login) => login === login.trim().toLowerCase(), 'trimmed and lowercase');
/** A password as typed (login passwords only: master passwords never reach the server). */
export const passwordSchema = z.string().min(1).max(1024);
/** Lowercase hex SHA-256 of the master-key verifier (`Passwork-MasterKeyHash`). */
export const masterKeyHashSchema = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

/** A public key in clear. */
export const publicKeyRecordSchema = z.object({ alg: z.string().min(1).max(64), spki: base64UrlSchema(2048) }).openapi('PublicKeyRecord');
/** A private key sealed under the owner's master key, with its public half. */
export const sealedPrivateKeySchema = publicKeyRecordSchema.extend({ encryptedPkcs8: base64UrlSchema(8192) }).openapi('SealedPrivateKey');

/** Key-derivation parameters; the same floor and ceiling clients enforce. */
export const kdfParamsSchema = z
  .object({
    version: z.literal(1),
    algorithm: z.literal('pbkdf2-sha256'),
    iterations: z.number().int().min(300_000).max(10_000_000),
    salt: base64UrlSchema(128),
  })
  .openapi('KdfParams');

/** A member certificate (lib/crypto/certificates.ts). */
export const certificateSchema = z
  .object({
    body: z.object({
      version: z.literal(1),
      organisationId: idSchema,
      userId: idSchema,
      login: loginSchema,
      role: z.enum(['administrator', 'member']),
      encryptionKey: publicKeyRecordSchema,
      signingKey: publicKeyRecordSchema,
      issuedAt: z.number().int().nonnegative(),
    }),
    signature: base64UrlSchema(128),
  })
  .openapi('MemberCertificate');

/** A signed key wrap (lib/crypto/wraps.ts). */
export const keyWrapSchema = z
  .object({
    version: z.literal(1),
    kind: z.enum(['vault', 'organisation']),
    subjectId: idSchema,
    recipientId: idSchema,
    keyVersion: z.number().int().min(1),
    granterId: idSchema,
    wrappedKey: base64UrlSchema(1024),
    signature: base64UrlSchema(128),
  })
  .openapi('KeyWrap');

/** What every new account sends, whoever registers it: credentials, KDF record and sealed keys. */
export const newAccountSchema = z.object({
  login: loginSchema,
  loginPassword: passwordSchema,
  kdf: kdfParamsSchema,
  masterKeyHash: masterKeyHashSchema,
  encryptionKey: sealedPrivateKeySchema,
  signingKey: sealedPrivateKeySchema,
});

/** The master key hash headers (`Passwork-MasterKeyHash`, or its `X-Master-Key-Hash` alias). */
export const masterKeyHeadersSchema = z.object({ 'passwork-masterkeyhash': masterKeyHashSchema.optional(), 'x-master-key-hash': masterKeyHashSchema.optional() });
