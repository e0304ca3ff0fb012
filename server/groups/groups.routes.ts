import type { MiddlewareHandler } from 'hono';
import { addGroupMemberRoute, createGroupRoute, deleteGroupRoute, listGroupsRoute, removeGroupMemberRoute, renameGroupRoute } from '../../lib/contract/groups';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { GroupsService } from './groups.service';

/** Groups and their members. */
export function groupsRoutes(service: GroupsService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...listGroupsRoute, ...middleware }, async (c) => c.json({ groups: await service.list(c.var.auth.userId) }, 200));
  app.openapi({ ...createGroupRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...renameGroupRoute, ...middleware }, async (c) => c.json(await service.rename(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json').name, clientInfo(c)), 200));
  app.openapi({ ...deleteGroupRoute, ...middleware }, async (c) => {
    await service.remove(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...addGroupMemberRoute, ...middleware }, async (c) => {
    const { id, userId } = c.req.valid('param');
    return c.json(await service.addMember(c.var.auth.userId, id, userId, clientInfo(c)), 200);
  });
  app.openapi({ ...removeGroupMemberRoute, ...middleware }, async (c) => {
    const { id, userId } = c.req.valid('param');
    return c.json(await service.removeMember(c.var.auth.userId, id, userId, clientInfo(c)), 200);
  });
  return app;
}
