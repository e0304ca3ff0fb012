import type { MiddlewareHandler } from 'hono';
import { getVaultAccessRoute, putVaultAccessRoute, putVaultKeyWrapRoute, removeVaultAccessRoute, rotateVaultKeyRoute } from '../../lib/contract/vault-access';
import type { KeyWrap } from '../../lib/crypto/wraps';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { AccessService } from './access.service';

/** Rights on vaults and folders, and the wraps that fulfil pending grants. */
export function accessRoutes(service: AccessService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...getVaultAccessRoute, ...middleware }, async (c) => c.json(await service.list(c.var.auth.userId, c.req.valid('param').id, c.req.valid('query').folderId ?? null), 200));
  app.openapi({ ...putVaultAccessRoute, ...middleware }, async (c) => {
    const { id, principalType, principalId } = c.req.valid('param');
    return c.json(await service.put(c.var.auth.userId, id, { type: principalType, id: principalId }, c.req.valid('json'), clientInfo(c)), 200);
  });
  app.openapi({ ...removeVaultAccessRoute, ...middleware }, async (c) => {
    const { id, principalType, principalId } = c.req.valid('param');
    await service.remove(c.var.auth.userId, id, { type: principalType, id: principalId }, c.req.valid('query').folderId ?? null, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...putVaultKeyWrapRoute, ...middleware }, async (c) => {
    const { id, userId } = c.req.valid('param');
    await service.putWrap(c.var.auth.userId, id, userId, c.req.valid('json').wrap as KeyWrap, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...rotateVaultKeyRoute, ...middleware }, async (c) => c.json(await service.rotate(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json') as { keyVersion: number; wrap: KeyWrap }, clientInfo(c)), 200));
  return app;
}
