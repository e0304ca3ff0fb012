import type { MiddlewareHandler } from 'hono';
import { syncRoute } from '../../lib/contract/sync';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { SyncService } from './sync.service';

/** `GET /api/v1/sync`. */
export function syncRoutes(service: SyncService, unlocked: MiddlewareHandler<ApiEnv>) {
  return createOpenApiApp().openapi({ ...syncRoute, middleware: unlocked }, async (c) => c.json(await service.sync(c.var.auth.userId, c.req.valid('query').cursor), 200));
}
