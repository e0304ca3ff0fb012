import type { MiddlewareHandler, TypedResponse } from 'hono';
import { syncRoute, type SyncResponse } from '../../lib/contract/sync';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { SyncService } from './sync.service';

/** `GET /api/v1/sync`. */
export function syncRoutes(service: SyncService, unlocked: MiddlewareHandler<ApiEnv>) {
  return createOpenApiApp().openapi({ ...syncRoute, middleware: unlocked }, async (c) => {
    const stream = await service.sync({ userId: c.var.auth.userId, machine: c.var.auth.machine === true }, c.req.valid('query').cursor, clientInfo(c));
    // JSON streamed by the service (items written from their rows), typed as the route declares.
    return c.body(stream, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<SyncResponse, 200, 'json'>;
  });
}
