import type { MiddlewareHandler } from 'hono';
import type { usersRepository } from '../users/users.repository';
import type { ApiEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { SessionsService } from '../sessions/sessions.service';
import { presentedMasterKeyHash, requireMasterKeyHash } from './roles';

/**
 * For the vault data routes: a live session of an active (certified) member whose request carries
 * their master key hash. A client unlocked with another master key is stopped before it reads
 * ciphertext it cannot open or writes ciphertext nobody can.
 */
export function unlocked(sessions: SessionsService, users: ReturnType<typeof usersRepository>, sealer: Sealer): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\w-]{1,200})$/.exec(header);
    if (!match) throw new ApiError('unauthenticated');
    const auth = await sessions.authenticate(match[1]!);
    const user = await users.byId(auth.userId);
    if (!user) throw new ApiError('unauthenticated');
    requireMasterKeyHash(sealer, user, presentedMasterKeyHash({ 'passwork-masterkeyhash': c.req.header('passwork-masterkeyhash'), 'x-master-key-hash': c.req.header('x-master-key-hash') }));
    if (user.status !== 'active') throw new ApiError('forbidden', { detail: 'waiting for an administrator to confirm this account' });
    c.set('auth', auth);
    await next();
  };
}
