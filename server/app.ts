import { Hono } from 'hono';
import type { Logger } from 'pino';
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

/** What the app needs from the outside world; tests build it with a real database. */
export interface AppDeps {
  database: Database;
  logger: Logger;
  sealer: Sealer;
  http?: HttpPolicy;
}

const DEFAULT_HTTP_POLICY: HttpPolicy = { allowedOrigins: [], maxBodyBytes: 1024 * 1024 };

/** Builds the Hono app: every resource's routes, the API docs, one not-found and one error handler. */
export function createApp(deps: AppDeps): Hono {
  const settings = appSettingsService(settingsRepository(deps.database.db));
  const api = createOpenApiApp();
  api.use('*', responseFormat);
  api.route('/', healthRoutes(deps.database));
  api.route('/', appSettingsRoutes(settings));

  const app = new Hono();
  const metrics = createMetrics();
  app.use('*', metrics.middleware);
  applyHttpPolicy(app, deps.http ?? DEFAULT_HTTP_POLICY);
  app.route('/', metricsRoutes(metrics));
  app.route('/', docsRoutes(api));
  app.route('/', api);
  app.notFound((c) => errorResponse(c, 'notFound'));
  app.onError(createErrorHandler(deps.logger));
  return app;
}
