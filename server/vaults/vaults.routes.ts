import type { MiddlewareHandler } from 'hono';
import { createVaultRoute, deleteVaultRoute, getVaultRoute, listMembersDirectoryRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from '../../lib/contract/vaults';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { VaultsService } from './vaults.service';

/** Vaults and their members. */
export function vaultsRoutes(service: VaultsService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...listVaultsRoute, ...middleware }, async (c) => c.json({ vaults: await service.list(c.var.auth.userId) }, 200));
  app.openapi({ ...createVaultRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...getVaultRoute, ...middleware }, async (c) => c.json(await service.get(c.var.auth.userId, c.req.valid('param').id), 200));
  app.openapi({ ...renameVaultRoute, ...middleware }, async (c) => c.json(await service.rename(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json').name, clientInfo(c)), 200));
  app.openapi({ ...deleteVaultRoute, ...middleware }, async (c) => {
    await service.remove(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...listVaultMembersRoute, ...middleware }, async (c) => c.json({ members: await service.members(c.var.auth.userId, c.req.valid('param').id) }, 200));
  app.openapi({ ...putVaultMemberRoute, ...middleware }, async (c) => {
    const { id, userId } = c.req.valid('param');
    return c.json(await service.putMember(c.var.auth.userId, id, userId, c.req.valid('json'), clientInfo(c)), 200);
  });
  app.openapi({ ...removeVaultMemberRoute, ...middleware }, async (c) => {
    const { id, userId } = c.req.valid('param');
    await service.removeMember(c.var.auth.userId, id, userId, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...listMembersDirectoryRoute, ...middleware }, async (c) => c.json({ members: await service.directory() }, 200));
  return app;
}
