import { healthRoute } from '../../lib/contract/health';
import { KEYHOLD_VERSION } from '../../lib/version';
import type { Database } from '../db/database';
import { createOpenApiApp } from '../http/openapi-app';

/** `GET /healthz`: 200 when the database answers, 503 when it does not (for load balancers). */
export function healthRoutes(database: Pick<Database, 'engine' | 'ping'>) {
  return createOpenApiApp().openapi(healthRoute, async (c) => {
    const status = await database.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    return c.json({ status, version: KEYHOLD_VERSION, database: database.engine }, status === 'ok' ? 200 : 503);
  });
}
