import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One entry of the error envelope every API error uses. */
export interface ApiErrorItem {
  code: string;
  field: string | null;
  message: string;
}

/** The body of every error response: `{"errors":[{"code","field","message"}]}`. */
export function errorBody(code: string, message: string, field: string | null = null): { errors: ApiErrorItem[] } {
  return { errors: [{ code, field, message }] };
}

/** An error a service throws for something the caller caused; the error handler turns it into a 4xx. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
