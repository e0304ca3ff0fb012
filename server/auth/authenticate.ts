import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { AuthenticateOptions, SessionsService } from '../sessions/sessions.service';

/** The access token of `Authorization: Bearer <token>`; `unauthenticated` without a well-formed one. */
export function bearerToken(c: Context): string {
  const match = /^Bearer ([\w-]{1,200})$/.exec(c.req.header('authorization') ?? '');
  if (!match) throw new ApiError('unauthenticated');
  return match[1]!;
}

/**
 * Requires `Authorization: Bearer <access token>` of a live session; sets `auth` for handlers.
 * `{ enrolment: true }` for the routes a session that must first enrol a second factor may use.
 */
export function authenticate(sessions: SessionsService, options: AuthenticateOptions = {}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set('auth', await sessions.authenticate(bearerToken(c), options));
    await next();
  };
}
