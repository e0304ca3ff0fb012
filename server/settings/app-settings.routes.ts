import { getAppSettingsRoute, updatePasswordPolicyRoute } from '../../lib/contract/app-settings';
import { authenticate } from '../auth/authenticate';
import { requireAdministrator } from '../auth/roles';
import type { EventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { usersRepository } from '../users/users.repository';
import type { AppSettingsService } from './app-settings.service';

/** `GET /api/v1/app/settings` (public, read before sign-up and login) and the policy update. */
export function appSettingsRoutes(service: AppSettingsService, deps: { sessions: SessionsService; users: ReturnType<typeof usersRepository>; events: EventsRepository; now: () => number }) {
  const app = createOpenApiApp();
  app.openapi(getAppSettingsRoute, async (c) => c.json(await service.publicSettings(), 200));
  app.openapi({ ...updatePasswordPolicyRoute, middleware: authenticate(deps.sessions) }, async (c) => {
    const user = await deps.users.byId(c.var.auth.userId);
    if (!user) throw new ApiError('unauthenticated');
    requireAdministrator(user);
    const policy = c.req.valid('json');
    await service.setPasswordPolicy(policy);
    await deps.events.append({ occurredAt: deps.now(), type: 'settings.passwordPolicy', actor: { type: 'user', id: user.id }, target: null, vaultId: null, ip: null, browserMode: null, details: { policy } });
    return c.json(await service.publicSettings(), 200);
  });
  return app;
}
