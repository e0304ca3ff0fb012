import { z } from '@hono/zod-openapi';

/**
 * Every error code the API can return, with its HTTP status: the one list clients and the server
 * share. Codes are stable: clients switch on them, and messages are looked up from them.
 */
export const ERROR_CODES = {
  validationFailed: 400,
  malformedJson: 400,
  weakPassword: 400,
  invalidKeys: 400,
  unauthenticated: 401,
  invalidCredentials: 401,
  mfaRequired: 401,
  mfaInvalid: 401,
  accessTokenExpired: 401,
  invalidAccessKey: 401,
  accessKeyRevoked: 401,
  accessKeyExpired: 401,
  forbidden: 403,
  accountSuspended: 403,
  mfaEnrolmentRequired: 403,
  setupTokenInvalid: 403,
  masterKeyHashMismatch: 403,
  notFound: 404,
  linkNotFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  alreadySetUp: 409,
  attachmentsNotRewrapped: 409,
  linkExpired: 410,
  linkUsedUp: 410,
  linkRevoked: 410,
  payloadTooLarge: 413,
  attachmentTooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  internal: 500,
  serviceUnavailable: 503,
} as const;

/** A stable API error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** One error of the envelope. */
export const apiErrorSchema = z
  .object({
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    field: z.string().nullable(),
    message: z.string(),
  })
  .openapi('ApiError');

/** The body of every error response. */
export const errorEnvelopeSchema = z.object({ errors: z.array(apiErrorSchema).min(1) }).openapi('ErrorEnvelope');
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The OpenAPI description of an error response, for route definitions. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: errorEnvelopeSchema } } };
}
