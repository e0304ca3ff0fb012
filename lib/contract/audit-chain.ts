import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from './errors';
import { bearer, json } from './route-parts';

// The audit chain (issue #11 item 2, docs/audit.md): verifying the chain, signed heads and the
// public key they are checked with. Every route needs the viewAuditLog permission.

export const chainHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

/** The chain head at `seq`, signed by the audit signing key (message format in docs/audit.md). */
export const signedHeadSchema = z
  .object({
    seq: z.number().int().min(1),
    hash: chainHashSchema,
    signedAt: z.number().int(),
    /** First 16 hex characters of SHA-256 over the public key's SPKI DER. */
    keyId: z.string(),
    /** Base64 Ed25519 signature over `keyhold-audit-head-v1\n<seq>\n<hash>\n<signedAt>`. */
    signature: z.string(),
  })
  .openapi('SignedHead');
export type SignedHeadBody = z.infer<typeof signedHeadSchema>;

/**
 * What is wrong at the first bad link: `edited` (a row's contents no longer match its hash),
 * `deleted` (rows missing), `inserted`, `reordered`, `brokenLink` (a row does not link to the one
 * before, cause unknown), `headMismatch` (a signed or expected head names another hash than the
 * row at its seq), `badSignature` (a head's signature does not verify, or by an unknown key) and
 * `cutOff` (a signed or expected head lies beyond the last row).
 */
export const CHAIN_BREAK_KINDS = ['edited', 'deleted', 'inserted', 'reordered', 'brokenLink', 'headMismatch', 'badSignature', 'cutOff'] as const;
export type ChainBreakKind = (typeof CHAIN_BREAK_KINDS)[number];

export const chainBreakSchema = z
  .object({
    /** The seq of the first bad link (a row, or a signed head's seq). */
    seq: z.number().int(),
    kind: z.enum(CHAIN_BREAK_KINDS),
    /** One line naming the link, in English (clients translate `kind`). */
    message: z.string(),
  })
  .openapi('ChainBreak');
export type ChainBreak = z.infer<typeof chainBreakSchema>;

/** The result of walking the whole chain. */
export const chainReportSchema = z
  .object({
    whole: z.boolean(),
    /** Rows checked. */
    rows: z.number().int().min(0),
    /** The oldest row kept (retention deletes older ones); null for an empty log. */
    firstSeq: z.number().int().nullable(),
    /** The last row's seq and hash. */
    head: z.object({ seq: z.number().int(), hash: chainHashSchema }).nullable(),
    /** The newest signed head that verified. */
    lastSignedHead: signedHeadSchema.nullable(),
    break: chainBreakSchema.nullable(),
  })
  .openapi('ChainReport');
export type ChainReport = z.infer<typeof chainReportSchema>;

/** An audit public key: PEM (SPKI) and its key id. */
export const auditPublicKeySchema = z.object({ keyId: z.string(), publicKey: z.string(), current: z.boolean() }).openapi('AuditPublicKey');
export type AuditPublicKey = z.infer<typeof auditPublicKeySchema>;

const common = { 401: errorResponse('Not signed in.'), 403: errorResponse('Without viewAuditLog.') };

/** GET /api/v1/audit/verify */
export const verifyAuditChainRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/verify',
  tags: ['audit'],
  security: bearer,
  summary: 'Walk the whole audit chain and report the first bad link (viewAuditLog)',
  responses: { 200: { description: 'The report; `whole` is false when a link is bad.', ...json(chainReportSchema) }, ...common },
});

/** POST /api/v1/audit/heads */
export const signAuditHeadRoute = createRoute({
  method: 'post',
  path: '/api/v1/audit/heads',
  tags: ['audit'],
  security: bearer,
  summary: 'Sign the chain head now (viewAuditLog); returns the signed head',
  responses: { 200: { description: 'The head now signed (or already signed).', ...json(signedHeadSchema) }, ...common, 409: errorResponse('The audit log is empty.') },
});

/** GET /api/v1/audit/heads */
export const listAuditHeadsRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/heads',
  tags: ['audit'],
  security: bearer,
  summary: 'The latest signed heads, newest first (viewAuditLog)',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) }) },
  responses: { 200: { description: 'Signed heads.', ...json(z.object({ heads: z.array(signedHeadSchema) })) }, 400: errorResponse('Invalid limit.'), ...common },
});

/** GET /api/v1/audit/public-key */
export const auditPublicKeyRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit/public-key',
  tags: ['audit'],
  security: bearer,
  summary: 'The public keys signed heads are checked with: the current one first, then retired ones (viewAuditLog)',
  responses: { 200: { description: 'Public keys.', ...json(z.object({ keys: z.array(auditPublicKeySchema) })) }, ...common },
});
