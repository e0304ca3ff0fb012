import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash } from '../auth/roles';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { UsersService } from './users.service';

/** The user's own account and members' public keys. */
export function usersRoutes(service: UsersService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi(masterKeyOptionsRoute, async (c) => c.json(await service.masterKeyOptions(c.req.valid('query').login), 200));
  app.openapi({ ...meRoute, ...signedIn }, async (c) => c.json(await service.me(c.var.auth.userId), 200));
  app.openapi({ ...userKeysRoute, ...signedIn }, async (c) => c.json(await service.keys(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header'))), 200));
  app.openapi({ ...userPublicKeyRoute, ...signedIn }, async (c) => c.json(await service.publicKey(c.req.valid('param').id), 200));
  return app;
}
