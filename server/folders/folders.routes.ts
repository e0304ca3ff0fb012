import type { MiddlewareHandler } from 'hono';
import { createFolderRoute, listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../../lib/contract/folders';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { FoldersService } from './folders.service';

/** Folders inside vaults. */
export function foldersRoutes(service: FoldersService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...listFoldersRoute, ...middleware }, async (c) => c.json({ folders: await service.list(c.var.auth.userId, c.req.valid('query').vaultId) }, 200));
  app.openapi({ ...createFolderRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...updateFolderRoute, ...middleware }, async (c) => c.json(await service.update(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  app.openapi({ ...trashFolderRoute, ...middleware }, async (c) => c.json(await service.trash(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...restoreFolderRoute, ...middleware }, async (c) => c.json(await service.restore(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...purgeFolderRoute, ...middleware }, async (c) => {
    await service.purge(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
