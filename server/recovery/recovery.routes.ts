import { acceptRecoveryRoute, recoveryInfoRoute, startRecoveryRoute } from '../../lib/contract/recovery';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash } from '../auth/roles';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { RecoveryService } from './recovery.service';

/** Account recovery: an administrator starts it; the link's holder (anonymous) reads it and accepts it with new keys. */
export function recoveryRoutes(service: RecoveryService, sessions: SessionsService) {
  const app = createOpenApiApp();
  app.openapi({ ...startRecoveryRoute, middleware: authenticate(sessions) }, async (c) =>
    c.json(await service.start(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201),
  );
  app.openapi(recoveryInfoRoute, async (c) => c.json(await service.info(c.req.valid('param').id), 200));
  app.openapi(acceptRecoveryRoute, async (c) => c.json(await service.accept(c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 200));
  return app;
}
