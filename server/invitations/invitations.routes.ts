import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, listInvitationsRoute, pendingMembersRoute } from '../../lib/contract/invitations';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash } from '../auth/roles';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { InvitationsService } from './invitations.service';

/** The invitation flow: invite, register, and certify (including `users/pending` and `users/{id}/certificate`). */
export function invitationsRoutes(service: InvitationsService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi({ ...createInvitationRoute, ...signedIn }, async (c) => c.json(await service.create(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...listInvitationsRoute, ...signedIn }, async (c) => c.json({ invitations: await service.list(c.var.auth.userId) }, 200));
  app.openapi(invitationInfoRoute, async (c) => c.json(await service.info(c.req.valid('param').id), 200));
  app.openapi(acceptInvitationRoute, async (c) => c.json(await service.accept(c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...pendingMembersRoute, ...signedIn }, async (c) => c.json({ members: await service.pending(c.var.auth.userId) }, 200));
  app.openapi({ ...certifyMemberRoute, ...signedIn }, async (c) => {
    await service.certify(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('param').id, c.req.valid('json').certificate, c.req.valid('json').organisationKeyWrap, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
