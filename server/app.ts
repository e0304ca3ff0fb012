import { Hono } from 'hono';
import type { Logger } from 'pino';
import { auditChainRoutes } from './audit/audit-chain.routes';
import { auditChainService } from './audit/audit-chain.service';
import { newAuditKey, type AuditSigningKey } from './audit/signing-key';
import type { Database } from './db/database';
import { docsRoutes } from './docs/docs.routes';
import { healthRoutes } from './health/health.routes';
import { createErrorHandler, errorResponse } from './http/error-handler';
import { createOpenApiApp } from './http/openapi-app';
import { responseFormat } from './http/response-format';
import { applyHttpPolicy, type HttpPolicy } from './http/security';
import { createMetrics } from './metrics/metrics';
import { metricsRoutes } from './metrics/metrics.routes';
import type { Sealer } from './sealing/sealer';
import { appSettingsRoutes } from './settings/app-settings.routes';
import { appSettingsService } from './settings/app-settings.service';
import { settingsRepository } from './settings/settings.repository';
import { eventsRepository } from './events/events.repository';
import { organisationRepository } from './organisation/organisation.repository';
import { DEFAULT_SESSION_TIMES, sessionsService, type SessionTimes } from './sessions/sessions.service';
import { sessionsRepository } from './sessions/sessions.repository';
import { sessionsRoutes } from './sessions/sessions.routes';
import { loginThrottle } from './sessions/throttle';
import { throttleRepository } from './sessions/throttle.repository';
import { setupRoutes } from './setup/setup.routes';
import { setupService } from './setup/setup.service';
import { usersRepository } from './users/users.repository';
import { usersRoutes } from './users/users.routes';
import { usersService } from './users/users.service';
import { rolesRoutes } from './roles/roles.routes';
import { rolesService } from './roles/roles.service';
import { userAdminRoutes } from './users/user-admin.routes';
import { userAdminService } from './users/user-admin.service';
import { masterKeyService } from './users/master-key.service';
import { invitationsRoutes } from './invitations/invitations.routes';
import { invitationsService } from './invitations/invitations.service';
import { recoveryRoutes } from './recovery/recovery.routes';
import { recoveryService } from './recovery/recovery.service';
import { signalsRoutes } from './audit/signals.routes';
import { signalsService } from './audit/signals.service';
import { organisationRoutes } from './organisation/organisation.routes';
import { mfaRepository } from './mfa/mfa.repository';
import { mfaRoutes } from './mfa/mfa.routes';
import { mfaService } from './mfa/mfa.service';
import { unlocked } from './auth/unlocked';
import { authenticate } from './auth/authenticate';
import { batchRoutes } from './batch/batch.routes';
import { foldersRoutes } from './folders/folders.routes';
import { foldersService } from './folders/folders.service';
import { accessRoutes } from './access/access.routes';
import { accessService } from './access/access.service';
import { groupsRoutes } from './groups/groups.routes';
import { groupsService } from './groups/groups.service';
import { itemsRoutes } from './items/items.routes';
import { itemTexts } from './items/item-texts';
import { itemsService } from './items/items.service';
import { syncRoutes } from './sync/sync.routes';
import { syncService } from './sync/sync.service';
import { vaultsRoutes } from './vaults/vaults.routes';
import { entrySharesRoutes } from './entry-shares/entry-shares.routes';
import { entrySharesService } from './entry-shares/entry-shares.service';
import { vaultsService } from './vaults/vaults.service';
import { auditLogRoutes } from './audit/audit-log.routes';
import { auditLogService } from './audit/audit-log.service';
import { clientEventsRoutes } from './client-events/client-events.routes';
import { clientEventsService } from './client-events/client-events.service';
import { machinesRepository } from './machines/machines.repository';
import { machinesRoutes } from './machines/machines.routes';
import { machinesService } from './machines/machines.service';
import { linkPageRoutes } from './share-links/link-page.routes';
import { revealThrottle } from './share-links/reveal-throttle';
import { shareLinksRoutes } from './share-links/share-links.routes';
import { shareLinksService } from './share-links/share-links.service';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from './attachments/attachment-limit';
import { attachmentsRoutes } from './attachments/attachments.routes';
import { attachmentsService } from './attachments/attachments.service';

/** What the app needs from the outside world; tests build it with a real database. */
export interface AppDeps {
  database: Database;
  logger: Logger;
  sealer: Sealer;
  /** Signs audit chain heads; tests that do not pass one get a fresh key (serve always loads the configured one). */
  auditKey?: AuditSigningKey;
  http?: HttpPolicy;
  sessionTimes?: SessionTimes;
  now?: () => number;
  /** The largest attachment accepted, in bytes of plaintext (default 50 MB). */
  maxAttachmentBytes?: number;
}

const DEFAULT_HTTP_POLICY: HttpPolicy = { allowedOrigins: [], maxBodyBytes: 1024 * 1024 };

/** Builds the Hono app: every resource's routes, the API docs, one not-found and one error handler. */
export function createApp(deps: AppDeps): Hono {
  const { db } = deps.database;
  const now = deps.now ?? Date.now;
  const settings = appSettingsService(settingsRepository(db));
  const events = eventsRepository(db);
  const users = usersRepository(db);
  const mfa = mfaService({ users, mfa: mfaRepository(db), sealer: deps.sealer, events, requireMfa: settings.requireMfa, now });
  const sessions = sessionsService({
    users,
    mfa,
    sessions: sessionsRepository(db, deps.database.reader),
    throttle: loginThrottle(throttleRepository(db), now),
    events,
    sealer: deps.sealer,
    accessKeyUsable: (accessKeyId) => machinesRepository(db).accessKeyUsable(accessKeyId, now()),
    times: deps.sessionTimes ?? DEFAULT_SESSION_TIMES,
    requireMfa: settings.requireMfa,
    now,
  });

  const machines = machinesService({ db, sealer: deps.sealer, sessions, events, now });

  const vaults = vaultsService({ db, sealer: deps.sealer, events, now });
  const folders = foldersService({ db, sealer: deps.sealer, events, now });
  const texts = itemTexts(deps.sealer);
  const items = itemsService({ db, reader: deps.database.reader, sealer: deps.sealer, texts, events, folders, now });
  const sync = syncService({ db, reader: deps.database.reader, sealer: deps.sealer, texts, now });
  const memberUnlocked = unlocked(sessions, deps.sealer);

  const api = createOpenApiApp();
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'masterKeyHash', {
    type: 'apiKey',
    in: 'header',
    name: 'Passwork-MasterKeyHash',
    description: 'Lowercase hex SHA-256 of the master-key verifier (X-Master-Key-Hash is accepted too); a wrong or missing one is 403 masterKeyHashMismatch.',
  });
  api.use('*', responseFormat);
  api.route('/', healthRoutes(deps.database));
  api.route('/', appSettingsRoutes(settings, { db, sessions, events, now }));
  api.route('/', setupRoutes(setupService({ db, sealer: deps.sealer, appSettings: settings, events, now })));
  api.route('/', sessionsRoutes(sessions));
  api.route('/', mfaRoutes(mfa, sessions));
  // Before the users routes, so /users/pending is not taken for /users/{id}/….
  api.route('/', invitationsRoutes(invitationsService({ db, sealer: deps.sealer, appSettings: settings, events, vaults, now }), sessions));
  const masterKey = masterKeyService({ db, sealer: deps.sealer, kdfTarget: settings.kdfTarget, now });
  api.route('/', usersRoutes(usersService({ db, users, organisation: organisationRepository(db), sealer: deps.sealer, kdfTarget: settings.kdfTarget }), masterKey, sessions));
  api.route('/', machinesRoutes(machines, sessions));
  api.route('/', userAdminRoutes(userAdminService({ db, sealer: deps.sealer, sessions, appSettings: settings, events, now }), sessions));
  api.route('/', rolesRoutes(rolesService({ db, sealer: deps.sealer, events, vaults, now }), sessions));
  const auditKey = deps.auditKey ?? { ...newAuditKey(), source: 'generated for this app' };
  api.route('/', auditChainRoutes(auditChainService({ db, key: auditKey, now }), { db, sessions }));
  api.route('/', recoveryRoutes(recoveryService({ db, sealer: deps.sealer, sessions, appSettings: settings, events, now }), sessions));
  api.route('/', signalsRoutes(signalsService({ db }), sessions));
  api.route('/', auditLogRoutes(auditLogService({ db, events, now }), sessions));
  api.route('/', organisationRoutes({ users, organisation: organisationRepository(db), sealer: deps.sealer }, sessions));
  api.route('/', vaultsRoutes(vaults, memberUnlocked));
  api.route('/', accessRoutes(accessService({ db, sealer: deps.sealer, events, now }), memberUnlocked));
  api.route('/', groupsRoutes(groupsService({ db, sealer: deps.sealer, events, now }), memberUnlocked));
  api.route('/', foldersRoutes(folders, memberUnlocked));
  api.route('/', itemsRoutes(items, memberUnlocked));
  api.route('/', syncRoutes(sync, memberUnlocked));
  api.route('/', clientEventsRoutes(clientEventsService({ db, reader: deps.database.reader, sealer: deps.sealer, now }), memberUnlocked));
  api.route('/', entrySharesRoutes(entrySharesService({ db, sealer: deps.sealer, events, folders, now }), memberUnlocked));
  api.route('/', shareLinksRoutes(shareLinksService({ db, sealer: deps.sealer, events, throttle: revealThrottle(throttleRepository(db), now), now }), memberUnlocked));
  const attachments = attachmentsService({ db, reader: deps.database.reader, sealer: deps.sealer, events, maxBytes: deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES, now });
  api.route('/', attachmentsRoutes(attachments, memberUnlocked));
  // Sub-requests go through the whole app (security headers, limits, metrics) like any request.
  api.route('/', batchRoutes(() => app.fetch, authenticate(sessions, { machine: true })));

  const app = new Hono();
  const metrics = createMetrics();
  app.use('*', metrics.middleware);
  applyHttpPolicy(app, deps.http ?? DEFAULT_HTTP_POLICY);
  app.route('/', metricsRoutes(metrics));
  app.route('/', docsRoutes(api));
  app.route('/', linkPageRoutes());
  app.route('/', api);
  app.notFound((c) => errorResponse(c, 'notFound'));
  app.onError(createErrorHandler(deps.logger));
  return app;
}
