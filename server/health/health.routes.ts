import { Hono } from 'hono';
import type { Database } from '../db/database';
import { KEYHOLD_VERSION } from '../../lib/version';

/** `GET /healthz`: 200 when the database answers, 503 when it does not (for load balancers). */
export function healthRoutes(database: Pick<Database, 'engine' | 'ping'>): Hono {
  return new Hono().get('/healthz', async (c) => {
    try {
      await database.ping();
      return c.json({ status: 'ok', version: KEYHOLD_VERSION, database: database.engine });
    } catch {
      return c.json({ status: 'unavailable', version: KEYHOLD_VERSION, database: database.engine }, 503);
    }
  });
}
