import type { Kysely } from 'kysely';
import { auditPublicKeyRoute, listAuditHeadsRoute, signAuditHeadRoute, verifyAuditChainRoute } from '../../lib/contract/audit-chain';
import { authenticate } from '../auth/authenticate';
import { requirePermission } from '../auth/permissions';
import type { Tables } from '../db/tables';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { AuditChainService } from './audit-chain.service';

/** The audit chain for those who may read the audit log: verify it, sign its head, read heads and the public keys. */
export function auditChainRoutes(service: AuditChainService, deps: { db: Kysely<Tables>; sessions: SessionsService }) {
  const signedIn = { middleware: authenticate(deps.sessions) };
  const auditor = (userId: string) => requirePermission(deps.db, userId, 'viewAuditLog');
  const app = createOpenApiApp();
  app.openapi({ ...verifyAuditChainRoute, ...signedIn }, async (c) => {
    await auditor(c.var.auth.userId);
    return c.json(await service.verify(), 200);
  });
  app.openapi({ ...signAuditHeadRoute, ...signedIn }, async (c) => {
    await auditor(c.var.auth.userId);
    return c.json(await service.signNow(), 200);
  });
  app.openapi({ ...listAuditHeadsRoute, ...signedIn }, async (c) => {
    await auditor(c.var.auth.userId);
    return c.json({ heads: await service.latestHeads(c.req.valid('query').limit) }, 200);
  });
  app.openapi({ ...auditPublicKeyRoute, ...signedIn }, async (c) => {
    await auditor(c.var.auth.userId);
    return c.json({ keys: service.publicKeys() }, 200);
  });
  return app;
}
