import { changeMasterKeyRoute } from '../../lib/contract/master-key';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash } from '../auth/roles';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { MasterKeyService } from './master-key.service';
import type { UsersService } from './users.service';

/** The user's own account and master key, and members' public keys. */
export function usersRoutes(service: UsersService, masterKey: MasterKeyService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi(masterKeyOptionsRoute, async (c) => c.json(await service.masterKeyOptions(c.req.valid('query').login), 200));
  // Also for a session that must enrol a second factor first: the client learns who it is.
  app.openapi({ ...meRoute, middleware: authenticate(sessions, { enrolment: true }) }, async (c) => c.json(await service.me(c.var.auth.userId), 200));
  app.openapi({ ...userKeysRoute, ...signedIn }, async (c) => c.json(await service.keys(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header'))), 200));
  app.openapi({ ...changeMasterKeyRoute, ...signedIn }, async (c) => {
    await masterKey.change(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('json'), clientInfo(c));
    return c.body(null, 204);
  });
  // Public keys and certificates are what a machine account verifies granters with, so it may read them too.
  app.openapi({ ...userPublicKeyRoute, middleware: authenticate(sessions, { machine: true }) }, async (c) => c.json(await service.publicKey(c.req.valid('param').id), 200));
  return app;
}
