import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { Sealer } from '../sealing/sealer';
import type { SessionsService } from '../sessions/sessions.service';
import { bearerToken } from './authenticate';
import { presentedMasterKeyHash, requireMasterKeyHash } from './roles';

/**
 * For the vault data routes: a live session of an active (certified) member whose request carries
 * their master key hash. A client unlocked with another master key is stopped before it reads
 * ciphertext it cannot open or writes ciphertext nobody can. One query: these routes are the hot path.
 * Machine accounts are let in here (and only here) without one.
 */
export function unlocked(sessions: SessionsService, sealer: Sealer): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const member = await sessions.authenticateMember(bearerToken(c));
    // A machine has no master key: its session, begun with an access key, is its proof.
    if (member.machine) {
      if (member.status !== 'active') throw new ApiError('forbidden', { detail: 'machine account suspended' });
      c.set('auth', { userId: member.userId, sessionId: member.sessionId, machine: true });
      return next();
    }
    const hash = presentedMasterKeyHash({ 'passwork-masterkeyhash': c.req.header('passwork-masterkeyhash'), 'x-master-key-hash': c.req.header('x-master-key-hash') });
    requireMasterKeyHash(sealer, { master_key_hash_mac: member.masterKeyHashMac }, hash);
    if (member.status !== 'active') throw new ApiError('forbidden', { detail: 'waiting for an administrator to confirm this account' });
    c.set('auth', { userId: member.userId, sessionId: member.sessionId });
    await next();
  };
}
