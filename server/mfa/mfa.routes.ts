import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from '../../lib/contract/mfa';
import { authenticate } from '../auth/authenticate';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { MfaService } from './mfa.service';

/** Enrolment in and removal of the TOTP second factor. */
export function mfaRoutes(service: MfaService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  // What a session that must enrol a second factor (the organisation requires one) may do.
  const enrolling = { middleware: authenticate(sessions, { enrolment: true }) };
  const app = createOpenApiApp();
  app.openapi({ ...startTotpRoute, ...enrolling }, async (c) => c.json(await service.start(c.var.auth.userId), 201));
  app.openapi({ ...confirmTotpRoute, ...enrolling }, async (c) => c.json(await service.confirm(c.var.auth.userId, c.req.valid('json').code, clientInfo(c)), 200));
  app.openapi({ ...disableMfaRoute, ...signedIn }, async (c) => {
    await service.disable(c.var.auth.userId, c.req.valid('json').code, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
