import { getMfaPolicyRoute, updateMfaPolicyRoute } from '../../lib/contract/admin-users';
import { getAppSettingsRoute, getAuditRetentionRoute, getKdfTargetRoute, updateAuditRetentionRoute, updateKdfTargetRoute, updatePasswordPolicyRoute } from '../../lib/contract/app-settings';
import { authenticate } from '../auth/authenticate';
import type { Kysely } from 'kysely';
import type { Permission } from '../../lib/contract/permissions';
import { requireAnyPermission, requirePermission } from '../auth/permissions';
import type { Tables } from '../db/tables';
import type { EventsRepository, NewEvent } from '../events/events.repository';
import { clientInfo, type ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { AppSettingsService } from './app-settings.service';

/**
 * `GET /api/v1/app/settings` (public, read before sign-up and login), the policy update and the KDF
 * target (managePolicies), the second-factor rule and audit retention (manageSecurity).
 */
export function appSettingsRoutes(service: AppSettingsService, deps: { db: Kysely<Tables>; sessions: SessionsService; events: EventsRepository; now: () => number }) {
  const signedIn = { middleware: authenticate(deps.sessions) };
  const administrator = async (userId: string, permission: Permission) => (await requirePermission(deps.db, userId, permission)).user;
  const recordChange = (userId: string, type: string, client: ClientInfo, details: NewEvent['details']) =>
    deps.events.append({ occurredAt: deps.now(), type, actor: { type: 'user', id: userId }, target: null, vaultId: null, ip: client.ip, browserMode: client.browserMode, details });

  const app = createOpenApiApp();
  app.openapi(getAppSettingsRoute, async (c) => c.json(await service.publicSettings(), 200));
  app.openapi({ ...updatePasswordPolicyRoute, ...signedIn }, async (c) => {
    const userId = (await administrator(c.var.auth.userId, 'managePolicies')).id;
    const policy = c.req.valid('json');
    await service.setPasswordPolicy(policy);
    await recordChange(userId, 'settings.passwordPolicy', clientInfo(c), { policy });
    return c.json(await service.publicSettings(), 200);
  });
  app.openapi({ ...getKdfTargetRoute, ...signedIn }, async (c) => c.json({ iterations: await service.kdfTarget() }, 200));
  app.openapi({ ...updateKdfTargetRoute, ...signedIn }, async (c) => {
    const userId = (await administrator(c.var.auth.userId, 'managePolicies')).id;
    const { iterations } = c.req.valid('json');
    await service.setKdfTarget(iterations);
    await recordChange(userId, 'settings.kdfTarget', clientInfo(c), { iterations });
    return c.json({ iterations: await service.kdfTarget() }, 200);
  });
  app.openapi({ ...getMfaPolicyRoute, ...signedIn }, async (c) => c.json({ requireMfa: await service.requireMfa() }, 200));
  app.openapi({ ...updateMfaPolicyRoute, ...signedIn }, async (c) => {
    const user = await administrator(c.var.auth.userId, 'manageSecurity');
    const { requireMfa } = c.req.valid('json');
    // Otherwise the administrator's own sessions could at once do nothing but enrol.
    if (requireMfa && !user.totp_secret) throw new ApiError('conflict', { field: 'body.requireMfa', detail: 'turn on your own second factor first' });
    await service.setRequireMfa(requireMfa);
    await recordChange(user.id, 'settings.requireMfa', clientInfo(c), { requireMfa });
    return c.json({ requireMfa: await service.requireMfa() }, 200);
  });
  app.openapi({ ...getAuditRetentionRoute, ...signedIn }, async (c) => {
    await requireAnyPermission(deps.db, c.var.auth.userId, ['manageSecurity', 'viewAuditLog']);
    return c.json({ days: await service.auditRetentionDays() }, 200);
  });
  app.openapi({ ...updateAuditRetentionRoute, ...signedIn }, async (c) => {
    const userId = (await administrator(c.var.auth.userId, 'manageSecurity')).id;
    const { days } = c.req.valid('json');
    await service.setAuditRetentionDays(days);
    await recordChange(userId, 'settings.auditRetention', clientInfo(c), { days });
    return c.json({ days: await service.auditRetentionDays() }, 200);
  });
  return app;
}
