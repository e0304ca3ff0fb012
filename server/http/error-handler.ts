import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { ERROR_CODES, type ErrorCode } from '../../lib/contract/errors';
import { errorMessage } from './error-messages';
import { ApiError } from './errors';

/** The error envelope for `code`, in the language the request asked for. */
export function errorResponse(c: Context, code: ErrorCode, field: string | null = null): Response {
  const body = { errors: [{ code, field, message: errorMessage(code, c.req.header('accept-language')) }] };
  return c.json(body, ERROR_CODES[code] as ContentfulStatusCode);
}

// Hono and its middleware raise HTTPExceptions for problems with the request itself.
function codeForHttpException(error: HTTPException): ErrorCode | undefined {
  if (error.status === 400 && /json/i.test(error.message)) return 'malformedJson';
  const byStatus: Partial<Record<number, ErrorCode>> = { 400: 'validationFailed', 401: 'unauthenticated', 403: 'forbidden', 404: 'notFound', 405: 'methodNotAllowed', 413: 'payloadTooLarge', 415: 'unsupportedMediaType' };
  return byStatus[error.status];
}

/** `app.onError`: caller faults become their 4xx; anything else is a 500 `internal` with the detail only in the log. */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds));
      return errorResponse(c, error.code, error.field);
    }
    if (error instanceof HTTPException) {
      const code = codeForHttpException(error);
      if (code) return errorResponse(c, code);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return errorResponse(c, 'internal');
  };
}
