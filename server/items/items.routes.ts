import type { MiddlewareHandler, TypedResponse } from 'hono';
import type { Item } from '../../lib/contract/items';
import { bulkCreateItemsRoute, createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, rekeyItemRoute, restoreItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { ItemsService } from './items.service';

/** Items, search and kept revisions. `items/search` is registered before `items/{id}`. */
export function itemsRoutes(service: ItemsService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...searchItemsRoute, ...middleware }, async (c) => c.json({ items: await service.search(c.var.auth.userId, c.req.valid('query')) }, 200));
  app.openapi({ ...createItemRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...bulkCreateItemsRoute, ...middleware }, async (c) => c.json({ ids: await service.createMany(c.var.auth.userId, c.req.valid('param').vaultId, c.req.valid('json').items, clientInfo(c)) }, 201));
  // The hot path: JSON text built without a parse and re-serialise of the stored parts.
  app.openapi({ ...getItemRoute, ...middleware }, async (c) => {
    const text = await service.getJson(c.var.auth.userId, c.req.valid('param').id, c.var.auth.machine ? clientInfo(c) : undefined);
    // The same body c.json would send (item-row.test.ts checks it), typed as the route declares.
    return c.body(text, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<Item, 200, 'json'>;
  });
  app.openapi({ ...updateItemRoute, ...middleware }, async (c) => c.json(await service.update(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  app.openapi({ ...moveItemRoute, ...middleware }, async (c) => c.json(await service.move(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  app.openapi({ ...trashItemRoute, ...middleware }, async (c) => c.json(await service.trash(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...restoreItemRoute, ...middleware }, async (c) => c.json(await service.restore(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...purgeItemRoute, ...middleware }, async (c) => {
    await service.purge(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...rekeyItemRoute, ...middleware }, async (c) => c.json(await service.rekey(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  app.openapi({ ...listSnapshotsRoute, ...middleware }, async (c) => c.json({ snapshots: await service.snapshots(c.var.auth.userId, c.req.valid('param').id) }, 200));
  app.openapi({ ...getSnapshotRoute, ...middleware }, async (c) => {
    const { id, revision } = c.req.valid('param');
    return c.json(await service.snapshot(c.var.auth.userId, id, revision, clientInfo(c), c.var.auth.machine === true), 200);
  });
  return app;
}
