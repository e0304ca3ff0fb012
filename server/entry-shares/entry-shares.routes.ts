import type { MiddlewareHandler } from 'hono';
import { createShortcutRoute, deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, sendToInboxRoute } from '../../lib/contract/entry-shares';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { EntrySharesService } from './entry-shares.service';

/** Shortcuts and inbox shares of single entries. */
export function entrySharesRoutes(service: EntrySharesService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...listEntrySharesRoute, ...middleware }, async (c) => c.json(await service.list(c.var.auth.userId, c.req.valid('param').id), 200));
  app.openapi({ ...createShortcutRoute, ...middleware }, async (c) => c.json(await service.createShortcut(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...deleteShortcutRoute, ...middleware }, async (c) => {
    await service.deleteShortcut(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...sendToInboxRoute, ...middleware }, async (c) => c.json(await service.send(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...listInboxRoute, ...middleware }, async (c) => c.json({ shares: await service.received(c.var.auth.userId) }, 200));
  app.openapi({ ...deleteInboxShareRoute, ...middleware }, async (c) => {
    await service.removeInboxShare(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
