import type { MiddlewareHandler } from 'hono';
import { createShareLinkRoute, listEntryLinksRoute, listOwnLinksRoute, revealShareLinkRoute, revokeShareLinkRoute } from '../../lib/contract/share-links';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import { noStoreNoReferrer } from './link-page-headers';
import type { ShareLinksService } from './share-links.service';

/** Share links: their sharers create, list and revoke them; anyone with the token reveals one. */
export function shareLinksRoutes(service: ShareLinksService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...createShareLinkRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...listEntryLinksRoute, ...middleware }, async (c) => c.json({ links: await service.ofItem(c.var.auth.userId, c.req.valid('param').id) }, 200));
  app.openapi({ ...listOwnLinksRoute, ...middleware }, async (c) => c.json({ links: await service.own(c.var.auth.userId) }, 200));
  app.openapi({ ...revokeShareLinkRoute, ...middleware }, async (c) => {
    await service.revoke(c.var.auth.userId, c.req.valid('param').id, clientInfo(c));
    return c.body(null, 204);
  });
  app.openapi({ ...revealShareLinkRoute, middleware: noStoreNoReferrer }, async (c) => c.json(await service.reveal(c.req.valid('param').id, c.req.valid('json').accessToken, clientInfo(c)), 200));
  return app;
}
