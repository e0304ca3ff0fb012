import { listSessionsRoute, loginRoute, refreshRoute, revokeSessionRoute } from '../../lib/contract/sessions';
import { authenticate } from '../auth/authenticate';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from './sessions.service';

/** Login, refresh, the sessions list and revocation (logout is revoking `current`). */
export function sessionsRoutes(service: SessionsService) {
  const app = createOpenApiApp();
  app.openapi(loginRoute, async (c) => {
    const { login, password, totp, recoveryCode } = c.req.valid('json');
    return c.json(await service.login(login, password, { totp, recoveryCode }, clientInfo(c)), 201);
  });
  app.openapi(refreshRoute, async (c) => c.json(await service.refresh(c.req.valid('json').refreshToken, clientInfo(c)), 200));

  const signedIn = { middleware: authenticate(service) };
  app.openapi({ ...listSessionsRoute, ...signedIn }, async (c) => c.json({ sessions: await service.list(c.var.auth.userId, c.var.auth.sessionId) }, 200));
  // Signing out works for a session that must enrol a second factor first, and for a machine's, too.
  app.openapi({ ...revokeSessionRoute, middleware: authenticate(service, { enrolment: true, machine: true }) }, async (c) => {
    const { id } = c.req.valid('param');
    await service.revoke(c.var.auth.userId, id === 'current' ? c.var.auth.sessionId : id, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
