import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Database } from './db/database';
import type { Sealer } from './sealing/sealer';
import { ApiError, errorBody } from './http/errors';
import { healthRoutes } from './health/health.routes';

/** What the app needs from the outside world; tests build it with a real database. */
export interface AppDeps {
  database: Database;
  logger: Logger;
  sealer: Sealer;
}

/** Builds the Hono app: every resource's routes, one not-found and one error handler. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(deps.database));

  app.notFound((c) => c.json(errorBody('notFound', 'No such route.'), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.field), error.status);
    deps.logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });
  return app;
}
