import { exportAuditRoute, listAuditEventsRoute } from '../../lib/contract/audit-log';
import { authenticate } from '../auth/authenticate';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { AuditLogService } from './audit-log.service';

/** The audit log's viewer and its exports (viewAuditLog). */
export function auditLogRoutes(service: AuditLogService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi({ ...listAuditEventsRoute, ...signedIn }, async (c) => c.json(await service.list(c.var.auth.userId, c.req.valid('query')), 200));
  app.openapi({ ...exportAuditRoute, ...signedIn }, async (c) => {
    const started = await service.export(c.var.auth.userId, c.req.valid('query'), clientInfo(c), new URL(c.req.url).origin);
    // A file, streamed as the client reads it (server/audit/audit-export.ts), never kept by a cache on the way.
    return c.body(started.stream, 200, {
      'content-type': started.contentType,
      'content-disposition': `attachment; filename="${started.fileName}"`,
      'cache-control': 'no-store',
    }) as Response;
  });
  return app;
}
