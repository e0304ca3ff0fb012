import { ERROR_CODES, type ErrorCode } from '../../lib/contract/errors';

/** An error a service or route throws for something the caller caused; the error handler turns it into a 4xx. */
export class ApiError extends Error {
  readonly status: (typeof ERROR_CODES)[ErrorCode];
  readonly field: string | null;
  /** For 429: sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    options: { field?: string | null; detail?: string; retryAfterSeconds?: number } = {},
  ) {
    // The detail is for logs and tests; callers get the catalog message in their language.
    super(options.detail ?? code);
    this.name = 'ApiError';
    this.status = ERROR_CODES[code];
    this.field = options.field ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
