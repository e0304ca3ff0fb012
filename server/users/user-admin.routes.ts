import { deleteUserRoute, listUsersRoute, reactivateUserRoute, resetLoginPasswordRoute, resetUserMfaRoute, suspendUserRoute } from '../../lib/contract/admin-users';
import { authenticate } from '../auth/authenticate';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { UserAdminService } from './user-admin.service';

/** The admin console's user administration (organisation administrators). */
export function userAdminRoutes(service: UserAdminService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi({ ...listUsersRoute, ...signedIn }, async (c) => c.json({ users: await service.list(c.var.auth.userId) }, 200));
  app.openapi({ ...suspendUserRoute, ...signedIn }, async (c) => c.json(await service.suspend(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...reactivateUserRoute, ...signedIn }, async (c) => c.json(await service.reactivate(c.var.auth.userId, c.req.valid('param').id, clientInfo(c)), 200));
  app.openapi({ ...deleteUserRoute, ...signedIn }, async (c) => {
    await service.remove(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...resetLoginPasswordRoute, ...signedIn }, async (c) => {
    await service.resetLoginPassword(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json').password, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...resetUserMfaRoute, ...signedIn }, async (c) => {
    await service.resetMfa(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
