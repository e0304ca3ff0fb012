import { securitySignalsRoute } from '../../lib/contract/security-signals';
import { authenticate } from '../auth/authenticate';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { SignalsService } from './signals.service';

/** The security dashboard's activity signals, for holders of viewAuditLog. */
export function signalsRoutes(service: SignalsService, sessions: SessionsService) {
  const app = createOpenApiApp();
  app.openapi({ ...securitySignalsRoute, middleware: authenticate(sessions) }, async (c) => c.json(await service.signals(c.var.auth.userId, c.req.valid('query')), 200));
  return app;
}
