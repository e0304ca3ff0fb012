import { organisationKeysRoute } from '../../lib/contract/invitations';
import type { KeyWrap } from '../../lib/crypto/wraps';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash, requireAdministrator, requireMasterKeyHash } from '../auth/roles';
import { ApiError } from '../http/errors';
import { createOpenApiApp } from '../http/openapi-app';
import type { Sealer } from '../sealing/sealer';
import type { SessionsService } from '../sessions/sessions.service';
import type { usersRepository } from '../users/users.repository';
import type { organisationRepository } from './organisation.repository';

/** `GET /api/v1/organisation/keys`: what an administrator's client needs to open the organisation key. */
export function organisationRoutes(deps: { users: ReturnType<typeof usersRepository>; organisation: ReturnType<typeof organisationRepository>; sealer: Sealer }, sessions: SessionsService) {
  return createOpenApiApp().openapi({ ...organisationKeysRoute, middleware: authenticate(sessions) }, async (c) => {
    const user = await deps.users.byId(c.var.auth.userId);
    const organisation = await deps.organisation.get();
    if (!user || !organisation) throw new ApiError('notFound');
    requireAdministrator(user);
    requireMasterKeyHash(deps.sealer, user, presentedMasterKeyHash(c.req.valid('header')));
    const wrapRow = await deps.users.keyWrap('organisation', organisation.id, user.id);
    if (!wrapRow) throw new ApiError('notFound', { detail: 'no organisation key wrap for this administrator' });
    const wrapPlace = { table: 'key_wraps', column: 'wrap', rowId: `organisation/${organisation.id}/${user.id}/${wrapRow.key_version}` };
    return c.json(
      {
        organisationId: organisation.id,
        signingKey: JSON.parse(organisation.signing_key) as { alg: string; spki: string },
        encryptedPrivateKey: deps.sealer.open(organisation.sealed_private_key, { table: 'organisation', column: 'sealed_private_key', rowId: organisation.id }).toString(),
        keyWrap: JSON.parse(deps.sealer.open(wrapRow.wrap, wrapPlace).toString()) as KeyWrap,
      },
      200,
    );
  });
}
