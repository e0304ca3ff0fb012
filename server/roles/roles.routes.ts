import { createRoleRoute, deleteRoleRoute, listRolesRoute, setUserRoleRoute, updateRoleRoute } from '../../lib/contract/roles';
import { authenticate } from '../auth/authenticate';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { RolesService } from './roles.service';

/** Roles of delegated administration, and the role of each account. */
export function rolesRoutes(service: RolesService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi({ ...listRolesRoute, ...signedIn }, async (c) => c.json({ roles: await service.list() }, 200));
  app.openapi({ ...createRoleRoute, ...signedIn }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...updateRoleRoute, ...signedIn }, async (c) => c.json(await service.update(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  app.openapi({ ...deleteRoleRoute, ...signedIn }, async (c) => {
    await service.remove(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...setUserRoleRoute, ...signedIn }, async (c) => c.json(await service.assign(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  return app;
}
