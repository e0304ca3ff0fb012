import type { MiddlewareHandler } from 'hono';
import { reportClientEventsRoute } from '../../lib/contract/client-events';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { ClientEventsService } from './client-events.service';

/** `POST /api/v1/events`: what clients did with the secrets they decrypted. */
export function clientEventsRoutes(service: ClientEventsService, unlocked: MiddlewareHandler<ApiEnv>) {
  return createOpenApiApp().openapi({ ...reportClientEventsRoute, middleware: unlocked }, async (c) => {
    await service.report(c.var.auth.userId, c.req.valid('json').events, clientInfo(c));
    return c.body(null, 204);
  });
}
