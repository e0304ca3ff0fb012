import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { SessionsService } from '../sessions/sessions.service';

/** Requires `Authorization: Bearer <access token>` of a live session; sets `auth` for handlers. */
export function authenticate(sessions: SessionsService): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\w-]{1,200})$/.exec(header);
    if (!match) throw new ApiError('unauthenticated');
    c.set('auth', await sessions.authenticate(match[1]!));
    await next();
  };
}
